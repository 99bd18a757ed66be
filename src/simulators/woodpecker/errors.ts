import type { OutgoingHttpHeaders } from 'node:http';
import { type Reply, jsonReply } from '../shared/http';
import { v2Timestamp } from './timestamps';

/** The v1 error codes the simulator uses (§1.10). */
export const V1_ERROR_CODES = [
  'E_URL_NOT_FOUND',
  'E_SESSION',
  'E_RECORD_NOT_FOUND',
  'E_TOO_MANY_REQUESTS',
  'E_REQUIRED_ELEMENT',
  'E_INV_STATUS',
  'E_DUPLICATE',
  'E_EMAIL',
  'E_WRONG_PARAM',
] as const;
export type V1ErrorCode = (typeof V1_ERROR_CODES)[number];

export function v1Status(code: string, msg: string): { status: { status: 'ERROR'; code: string; msg: string } } {
  return { status: { status: 'ERROR', code, msg } };
}

/** v1 errors: `{status:{status:"ERROR", code, msg}}`, HTTP 400 unless an option says otherwise. */
export function v1Error(code: V1ErrorCode, msg: string, httpStatus = 400, headers?: OutgoingHttpHeaders): Reply {
  return jsonReply(httpStatus, v1Status(code, msg), headers);
}

const V2_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** v2 errors: `{title, status, detail, timestamp}` with a zone-less timestamp. */
export function v2Error(httpStatus: number, detail: string, headers?: OutgoingHttpHeaders): Reply {
  const body = { title: V2_TITLES[httpStatus] ?? 'Error', status: httpStatus, detail, timestamp: v2Timestamp(Date.now()) };
  return jsonReply(httpStatus, body, headers);
}
