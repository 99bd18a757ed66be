import { newRequestStats, runWithRequestContext } from '../../logging/request-context';
import { captureLogsForSuite } from '../../testing/log-capture';
import { BffError, ErrorCode } from '../../errors';
import { formatError } from '../format-error';

describe('formatError', () => {
  const logs = captureLogsForSuite();

  const inRequest = <T>(fn: () => T) => runWithRequestContext({ requestId: 'req-format-0001', stats: newRequestStats() }, fn);

  it('When something unexpected is thrown, then the client gets a generic error and one line has the cause chain beside it', () => {
    const error = new Error('could not read campaigns for jane.doe@example.com', { cause: new TypeError('pool exhausted') });
    const masked = inRequest(() => formatError({ message: error.message, path: ['campaigns'] }, error));

    expect(masked).toEqual({
      message: 'Something went wrong on our side. Quote request id req-format-0001 if you contact support.',
      path: ['campaigns'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false, requestId: 'req-format-0001' },
    });
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: 'req-format-0001',
        path: ['campaigns'],
        clientCode: 'INTERNAL_SERVER_ERROR',
        clientMessage: masked.message,
        error: expect.objectContaining({
          name: 'Error',
          message: 'could not read campaigns for j***@example.com',
          stack: expect.stringContaining('format-error.test'),
          cause: expect.objectContaining({ name: 'TypeError', message: 'pool exhausted' }),
        }),
      }),
    ]);
  });

  it('When a BffError is thrown on purpose, then it reaches the client as it is and is not logged again here', () => {
    const error = new BffError(ErrorCode.NOT_FOUND, 'No such campaign.');
    const formatted = inRequest(() => formatError({ message: error.message, path: ['campaign'] }, error));
    expect(formatted).toMatchObject({ message: 'No such campaign.', extensions: { code: 'NOT_FOUND', requestId: 'req-format-0001' } });
    expect(logs.lines).toEqual([]);
  });
});
