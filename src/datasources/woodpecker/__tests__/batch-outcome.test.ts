import { configureLogger } from '../../../logging/logger';
import { itemVerdict, readBatchOutcome, rejectionErrors } from '../export/batch-outcome';
import { prepareExport, toBatches } from '../export/prepare';

beforeAll(() => configureLogger({ level: 'debug', format: 'json', silent: true }));

describe('itemVerdict reads every per-item layout seen so far', () => {
  it.each([
    ['a bare success word', { email: 'a@b.co', status: 'OK' }, { kind: 'added' }],
    ['SUCCESS', { status: 'SUCCESS' }, { kind: 'added' }],
    ['ADDED in result', { result: 'ADDED' }, { kind: 'added' }],
    ['a prospect object with its global status', { id: 4, email: 'a@b.co', status: 'ACTIVE' }, { kind: 'added' }],
    ['nothing to say', { email: 'a@b.co', id: 9 }, { kind: 'added' }],
    ['DUPLICATE word', { status: 'DUPLICATE' }, { kind: 'duplicate' }],
    ['E_DUPLICATE code', { status: 'ERROR', code: 'E_DUPLICATE', msg: 'Prospect already exists' }, { kind: 'duplicate' }],
    ['nested status object', { status: { status: 'ERROR', code: 'E_INV_STATUS', msg: 'x' } }, { kind: 'rejected', code: 'INVALID_STATUS' }],
    ['E_EMAIL in error', { error: 'E_EMAIL' }, { kind: 'rejected', code: 'INVALID_EMAIL' }],
    ['E_EMAIL_NOT_EXISTS in an error object', { error: { code: 'E_EMAIL_NOT_EXISTS' } }, { kind: 'rejected', code: 'EMAIL_NOT_EXISTS' }],
    ['an unknown E_ code', { code: 'E_SOMETHING' }, { kind: 'rejected', code: 'REJECTED' }],
    ['a bare ERROR', { status: 'ERROR', msg: 'no idea' }, { kind: 'rejected', code: 'REJECTED' }],
    ['free-text error', { email: 'a@b.co', error: 'Could not add' }, { kind: 'rejected', code: 'REJECTED' }],
    ['error: true', { error: true }, { kind: 'rejected', code: 'REJECTED' }],
    ['an empty error field', { status: 'OK', error: '' }, { kind: 'added' }],
    ['explicit success beats free text', { status: 'OK', error: 'warning text' }, { kind: 'added' }],
  ])('%s', (_, item, verdict) => {
    expect(itemVerdict(item)).toEqual(verdict);
  });
});

describe('readBatchOutcome', () => {
  const sent = ['Ann@Acme.test', 'bob@acme.test', 'cy@acme.test'];

  it('matches items by email, case-insensitively, in any order', () => {
    const body = {
      prospects: [
        { email: 'cy@acme.test', status: 'ERROR', code: 'E_INV_STATUS' },
        { email: 'ann@acme.test', status: 'OK' },
        { email: 'BOB@acme.test', status: 'ERROR', code: 'E_DUPLICATE' },
      ],
    };

    const outcome = readBatchOutcome(sent, body, false);

    expect(outcome).toEqual({ succeeded: 1, duplicates: 1, rejected: [[2, 'INVALID_STATUS']] });
    expect(rejectionErrors(sent, outcome)).toEqual([
      {
        email: 'cy@acme.test',
        code: 'INVALID_STATUS',
        message: 'This prospect is blacklisted, bounced or otherwise not active in Woodpecker; export with force to add it anyway.',
        retryable: false,
      },
    ]);
  });

  it('falls back to position for items without an email', () => {
    const body = { prospects: [{ status: 'OK' }, { status: { status: 'ERROR', code: 'E_DUPLICATE' } }, { result: 'ERROR' }] };

    const outcome = readBatchOutcome(sent, body, false);

    expect(outcome).toMatchObject({ succeeded: 1, duplicates: 1 });
    expect(rejectionErrors(sent, outcome).map((e) => [e.email, e.code])).toEqual([['cy@acme.test', 'REJECTED']]);
  });

  it('counts prospects the answer does not mention as added, as does an answer without prospects[]', () => {
    expect(readBatchOutcome(sent, { prospects: [{ email: 'bob@acme.test', code: 'E_DUPLICATE' }] }, false)).toEqual({
      succeeded: 2,
      duplicates: 1,
      rejected: [],
    });
    expect(readBatchOutcome(sent, { status: { status: 'OK' } }, false)).toEqual({ succeeded: 3, duplicates: 0, rejected: [] });
  });

  it('after an attempt that may have been delivered, duplicates are our own earlier write: succeeded', () => {
    const body = { prospects: sent.map((email) => ({ email, status: 'ERROR', code: 'E_DUPLICATE' })) };

    expect(readBatchOutcome(sent, body, true)).toEqual({ succeeded: 3, duplicates: 0, rejected: [] });
  });
});

describe('prepareExport', () => {
  it('rejects invalid emails and repeats locally, keeping the caller spelling, and sends the rest once', () => {
    const { outgoing, rejected } = prepareExport([
      { email: 'ann@acme.test', firstName: 'Ann' },
      { email: 'not an email' },
      { email: 'ANN@acme.test' },
      { email: 'bob@acme' },
      { email: 'bob@acme.test' },
    ]);

    expect(outgoing.map((p) => p.email)).toEqual(['ann@acme.test', 'bob@acme.test']);
    expect(outgoing[0]?.wire).toEqual({ email: 'ann@acme.test', first_name: 'Ann' });
    expect(rejected.map((e) => [e.email, e.code, e.retryable])).toEqual([
      ['not an email', 'INVALID_EMAIL', false],
      ['ANN@acme.test', 'DUPLICATE_IN_REQUEST', false],
      ['bob@acme', 'INVALID_EMAIL', false],
    ]);
    expect(rejected[0]?.message).toBe('This email address is not valid.');
  });

  it('toBatches splits in order', () => {
    expect(toBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(toBatches([], 50)).toEqual([]);
  });
});
