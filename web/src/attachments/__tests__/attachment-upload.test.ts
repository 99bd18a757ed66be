import { describe, expect, it } from 'vitest';
import { fakeBff } from '../../test/fake-bff';
import { uploadAttachment } from '../attachment-upload';

const stored = { id: 'att_1', filename: 'a.png', mimeType: 'image/png', sizeBytes: 4 };

describe('uploadAttachment', () => {
  it('When an access token is set, then the upload carries it as a bearer token next to the preflight header', async () => {
    const bff = fakeBff(() => ({ http: { status: 201, body: JSON.stringify(stored) } }));
    const outcome = await uploadAttachment({ url: 'http://bff.test/attachments', accessToken: () => 'tok-abcdefghijklmnop', fetchFn: bff.fetch }, new File(['png!'], 'a.png', { type: 'image/png' }), new AbortController().signal);
    expect(outcome).toEqual({ ok: true, attachment: stored });
    expect(bff.requests[0]!.headers.get('authorization')).toBe('Bearer tok-abcdefghijklmnop');
    expect(bff.requests[0]!.headers.get('apollo-require-preflight')).toBe('true');
  });

  it('When the server cannot be reached, then the outcome is a NETWORK failure', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const outcome = await uploadAttachment({ url: 'http://bff.test/attachments', accessToken: () => '', fetchFn: failing }, new File(['x'], 'a.png', { type: 'image/png' }), new AbortController().signal);
    expect(outcome).toEqual({ ok: false, error: { code: 'NETWORK', retryable: true } });
  });
});
