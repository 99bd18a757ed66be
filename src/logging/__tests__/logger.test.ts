import { captureLogsForSuite } from '../../testing/log-capture';
import { LOOP_DELAY_BAR_MS, loopDelayAttempts, measuringLoopDelay, NEVER_NOISE_MS } from '../../testing/loop-delay';
import { logger } from '../logger';
import { maskEmail, redact, redactString, registerSecret, REDACTED } from '../redact';
import { newRequestStats, recordRequestStats, runWithRequestContext, currentRequestContext } from '../request-context';

describe('redaction', () => {
  it('When an email is masked, then only its first letter and domain remain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEmail('contact a@b.io and Bob.Smith+x@sub.corp.co.uk')).toBe('contact a***@b.io and B***@sub.corp.co.uk');
  });

  it('When a value holds secret-named fields, registered secrets or emails, then all are redacted deeply', () => {
    registerSecret('canary-secret-value-123');
    const out = redact({
      headers: { authorization: 'Bearer x', 'x-api-key': 'k', cookie: 'c' },
      nested: [{ note: 'key is canary-secret-value-123!', who: 'max@corp.com' }],
      inputTokens: 12,
    });
    expect(out).toEqual({
      headers: { authorization: REDACTED, 'x-api-key': REDACTED, cookie: REDACTED },
      nested: [{ note: `key is ${REDACTED}!`, who: 'm***@corp.com' }],
      inputTokens: 12,
    });
  });
});

describe('redaction of keys that name Object.prototype members', () => {
  it('When a logged object has a "__proto__" key (as JSON.parse makes one), then it stays a field and is redacted', () => {
    const out = redact(JSON.parse('{"__proto__": {"who": "max@corp.com"}, "constructor": "ann@corp.com"}'));
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse('{"__proto__": {"who": "m***@corp.com"}, "constructor": "a***@corp.com"}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('redaction of long text', () => {
  it.each([
    ['a run of 60 000 local-part characters', 'a'.repeat(60_000)],
    ['a 60 000-character address-like chain', `a@${'a.'.repeat(30_000)}1`],
    ['a 4 MB operation name', 'a'.repeat(4 * 1024 * 1024)],
  ])('When a logged string is %s, then masking it never holds the event loop past ~100 ms', async (_name, text) => {
    let masked = '';
    const delays = await loopDelayAttempts(() => measuringLoopDelay(() => (masked = redactString(text))));
    expect(Math.max(...delays)).toBeLessThanOrEqual(NEVER_NOISE_MS);
    expect(Math.min(...delays)).toBeLessThanOrEqual(LOOP_DELAY_BAR_MS);
    expect(masked.length).toBeLessThan(10_000);
  });

  it('When a logged string is cut, then a secret or an address across the cut is redacted, not left in half', () => {
    registerSecret('cut-canary-secret-0123456789');
    const secretAcross = `${'x'.repeat(8_180)}cut-canary-secret-0123456789${'y'.repeat(10_000)}`;
    const cut = redactString(secretAcross);
    expect(cut).toContain('… (18208 characters in all)');
    expect(cut).not.toContain('cut-canary');
    const addressAcross = redactString(`${'x '.repeat(4_092)}jane.doe@example.com ${'y'.repeat(10_000)}`);
    expect(addressAcross).not.toContain('jane.d');
    expect(addressAcross).toContain('j***@exa');
  });
});

describe('logger', () => {
  const logs = captureLogsForSuite();

  it('When code logs inside a request context, then the line carries the request id and caller', () => {
    runWithRequestContext({ requestId: 'req-abc-123', caller: 'web-app', stats: newRequestStats() }, () => {
      logger.child({ component: 'deep' }).info('inside', { attempt: 2 });
    });
    expect(logs.entries()).toEqual([
      expect.objectContaining({ message: 'inside', requestId: 'req-abc-123', caller: 'web-app', component: 'deep', attempt: 2 }),
    ]);
  });

  it('When a line mentions a secret or an email anywhere, then the written line contains neither', () => {
    registerSecret('sk-test-canary-987654');
    logger.warn('upstream said sk-test-canary-987654 for someone@example.org', { authorization: 'Bearer abc', email: 'someone@example.org' });
    const [line] = logs.lines;
    expect(line).toBeDefined();
    expect(line).not.toContain('sk-test-canary-987654');
    expect(line).not.toContain('someone@example.org');
    expect(line).not.toContain('Bearer abc');
    expect(line).toContain('s***@example.org');
  });

  it('When a line is below the level, then it is dropped before any formatting: nothing of it is read or redacted', () => {
    let reads = 0;
    const detail = {
      get probe() {
        reads += 1;
        return 'value';
      },
    };
    logger.level = 'info';
    try {
      logger.debug('below the level', { detail });
      logger.info('at the level', { detail });
    } finally {
      logger.level = 'debug';
    }
    expect(logs.entries().map((e) => e.message)).toEqual(['at the level']);
    expect(reads).toBe(1);
  });

  it('When stats are recorded in a request, then they add up; outside a request nothing happens', () => {
    const stats = newRequestStats();
    runWithRequestContext({ requestId: 'r', stats }, () => {
      recordRequestStats({ upstreamCalls: 1, retries: 1 });
      recordRequestStats({ upstreamCalls: 2, inputTokens: 10 });
      expect(currentRequestContext()?.stats).toBe(stats);
    });
    recordRequestStats({ upstreamCalls: 5 });
    expect(stats).toEqual({ upstreamCalls: 3, retries: 1, queueWaitMs: 0, inputTokens: 10, outputTokens: 0 });
  });
});
