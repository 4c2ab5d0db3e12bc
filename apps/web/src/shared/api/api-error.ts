/**
 * Every failed call becomes an ApiError: the API's error envelope
 * `{ error: { code, message, details, requestId } }`, with the message reduced
 * to the half of `中文 / English` the current language reads.
 */
import { messageHalf } from '../i18n/message-half';

export interface FieldProblem {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The API's message, both halves (`中文 / English`). */
    readonly fullMessage: string,
    readonly details: unknown,
    readonly requestId: string | null,
  ) {
    super(messageHalf(fullMessage));
    this.name = 'ApiError';
  }

  /** 422's field problems (`contacts[0].phone`), each reason in the current language. */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details
      .filter((item): item is FieldProblem => typeof item === 'object' && item !== null && typeof (item as FieldProblem).field === 'string')
      .map((item) => ({ field: item.field, reason: messageHalf(String(item.reason)) }));
  }

  static fromEnvelope(status: number, body: unknown): ApiError {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | undefined)?.error;
    if (error && typeof error.code === 'string') {
      return new ApiError(status, error.code, String(error.message ?? error.code), error.details ?? null, typeof error.requestId === 'string' ? error.requestId : null);
    }
    return new ApiError(status, 'HTTP_ERROR', `请求失败（${status}） / Request failed (${status})`, null, null);
  }

  static network(): ApiError {
    return new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络 / Cannot reach the server, check the network', null, null);
  }
}

/** `contacts[0].phone` → `['contacts', 0, 'phone']`: an antd Form NamePath. */
export function namePathOf(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
