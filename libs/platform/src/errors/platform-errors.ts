import { defineErrors } from './app-error.js';

/** Codes of the HTTP platform itself; every lib adds its own next to its code. */
export const PlatformErrors = defineErrors({
  VALIDATION_FAILED: { status: 422, message: '请求数据无效 / The request data is invalid' },
  MALFORMED_JSON: { status: 400, message: '请求体不是有效的 JSON / The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, message: '请求无效 / Bad request' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大 / The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型 / Unsupported content type' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在 / No such endpoint' },
  NOT_FOUND: { status: 404, message: '记录不存在 / Not found' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方法 / Method not allowed' },
  UNAUTHENTICATED: { status: 401, message: '请先登录 / Authentication required' },
  FORBIDDEN: { status: 403, message: '无权执行此操作 / You may not do this' },
  CONFLICT: { status: 409, message: '与当前状态冲突 / Conflicts with the current state' },
  TOO_MANY_REQUESTS: { status: 429, message: '请求过于频繁，请稍后再试 / Too many requests, try again later' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂不可用 / Service unavailable' },
  WEB_APP_NOT_BUILT: { status: 503, message: '网页应用尚未构建，请运行 npm run build / The web app is not built: run npm run build' },
  /** R21, R22: what cannot be recorded is not done (fail closed); the refusal is logged with the request id. */
  AUDIT_NOT_RECORDED: { status: 503, message: '审计记录无法写入，操作未执行 / The audit record could not be written, so the request was refused' },
  INTERNAL_ERROR: { status: 500, message: '服务器内部错误 / Internal server error' },
});
