import { AddProspectsToCampaignDocument, CampaignsDocument, GenerateContentDocument, UpstreamsDocument } from '../../../generated/operations/graphql';
import type { Caller } from '../../../auth/caller';
import { startTestStack, type TestStack } from '../../../testing/stack';

const alice: Caller = { id: 'alice', kind: 'token' };
const bob: Caller = { id: 'bob', kind: 'token' };
const lead = { email: 'lee@initech.example', company: 'Initech' };

describe('per-client @rateLimit', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        RATE_LIMIT_GENERATE_PER_MINUTE: '2',
        RATE_LIMIT_READ_PER_MINUTE: '3',
        RATE_LIMIT_EXPORT_PER_MINUTE: '5',
        RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE: '100',
        TRUST_PROXY: 'loopback',
      },
    });
  });
  afterAll(() => stack.close());

  it('When a client goes over its generateContent limit, then RATE_LIMITED with retryAfterSeconds and no Claude call', async () => {
    stack.sims.claude.resetStats();
    const calls = [];
    for (let i = 0; i < 3; i++) calls.push(await stack.execute(GenerateContentDocument, { input: { lead } }, { caller: alice }));
    expect(calls.slice(0, 2).every((r) => r.errors === undefined)).toBe(true);
    expect(calls[2]!.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: expect.any(Number) });
    expect(calls[2]!.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(stack.sims.claude.stats.requests).toBe(2);
  });

  it('When one client is limited, then another client is unaffected', async () => {
    const erin: Caller = { id: 'erin', kind: 'token' };
    const generate = (caller: Caller) => stack.execute(GenerateContentDocument, { input: { lead } }, { caller });
    await generate(erin);
    await generate(erin);
    expect((await generate(erin)).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

    expect((await generate(bob)).errors).toBeUndefined();
  });

  it('When a client reads through several fields, then they share one read budget', async () => {
    const carol: Caller = { id: 'carol', kind: 'token' };
    expect((await stack.execute(CampaignsDocument, {}, { caller: carol })).errors).toBeUndefined();
    expect((await stack.execute(UpstreamsDocument, {}, { caller: carol })).errors).toBeUndefined();
    expect((await stack.execute(CampaignsDocument, {}, { caller: carol })).errors).toBeUndefined();
    const fourth = await stack.execute(UpstreamsDocument, {}, { caller: carol });
    expect(fourth.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('When exports are large, then the prospects-per-minute budget limits them too', async () => {
    const dave: Caller = { id: 'dave', kind: 'token' };
    const prospects = Array.from({ length: 60 }, (_, i) => ({ email: `d${i}@weighted.example` }));
    const input = { campaignId: String([...stack.sims.woodpecker.store.campaigns()][0]!.id), prospects };
    expect((await stack.execute(AddProspectsToCampaignDocument, { input }, { caller: dave })).errors).toBeUndefined();
    const second = await stack.execute(AddProspectsToCampaignDocument, { input }, { caller: dave });
    expect(second.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('When anonymous clients call over HTTP, then each address has its own budget (behind a trusted proxy)', async () => {
    const read = (ip: string) =>
      fetch(`${stack.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ query: '{ contentModels { id } }' }),
      }).then(async (res) => ((await res.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code ?? 'ok');
    const first = [await read('203.0.113.7'), await read('203.0.113.7'), await read('203.0.113.7'), await read('203.0.113.7')];
    expect(first).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(await read('198.51.100.4')).toBe('ok');
  });
});
