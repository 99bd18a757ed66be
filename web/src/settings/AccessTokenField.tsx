import { useId, useState } from 'react';
import { readAccessToken, writeAccessToken } from '../api/access-token';

/** For servers that require sign-in (AUTH_MODE=token): the token lives in this tab's session storage only. */
export function AccessTokenField() {
  const id = useId();
  const [token, setToken] = useState(readAccessToken);
  return (
    <div className="token-field">
      <label htmlFor={id}>Access token</label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="Only if your server requires one"
        value={token}
        onChange={(event) => {
          setToken(event.target.value);
          writeAccessToken(event.target.value);
        }}
      />
    </div>
  );
}
