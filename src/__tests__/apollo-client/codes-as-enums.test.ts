import { startTestStack, type TestStack } from '../../testing/stack';

/** Codes an app switches on are enums in the schema, so they appear in its generated types. */

describe('Codes as schema enums', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('When a client reads ProspectError.code, then the schema declares it an enum with the wire values', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __type(name: "ProspectError") { fields { name type { ofType { kind name enumValues { name } } } } } }' }),
    });
    const { data } = (await res.json()) as {
      data: { __type: { fields: { name: string; type: { ofType: { kind: string; name: string; enumValues: { name: string }[] } } }[] } };
    };
    const code = data.__type.fields.find((f) => f.name === 'code')!.type.ofType;
    expect(code).toMatchObject({ kind: 'ENUM', name: 'ProspectErrorCode' });
    expect(code.enumValues.map((v) => v.name)).toEqual(
      expect.arrayContaining(['INVALID_EMAIL', 'DUPLICATE_IN_REQUEST', 'INVALID_STATUS', 'EMAIL_NOT_EXISTS', 'REJECTED', 'UPSTREAM_TIMEOUT']),
    );
  });
});
