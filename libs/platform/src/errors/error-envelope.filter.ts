import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, type ErrorDefinition } from './app-error.js';
import { PlatformErrors } from './platform-errors.js';
import { translateDatabaseError } from './database-errors.js';

export interface ErrorEnvelope {
  error: { code: string; message: string; details: unknown; requestId: string | null };
}

const BY_STATUS: Record<number, ErrorDefinition> = {
  400: PlatformErrors.BAD_REQUEST,
  401: PlatformErrors.UNAUTHENTICATED,
  403: PlatformErrors.FORBIDDEN,
  404: PlatformErrors.NOT_FOUND,
  405: PlatformErrors.METHOD_NOT_ALLOWED,
  409: PlatformErrors.CONFLICT,
  413: PlatformErrors.PAYLOAD_TOO_LARGE,
  415: PlatformErrors.UNSUPPORTED_MEDIA_TYPE,
  422: PlatformErrors.VALIDATION_FAILED,
  429: PlatformErrors.TOO_MANY_REQUESTS,
  503: PlatformErrors.SERVICE_UNAVAILABLE,
};

/** body-parser marks its errors with a `type`; they reach us as the `cause` of an HttpException. */
function bodyParserType(exception: HttpException): string | undefined {
  const cause = exception.cause as { type?: unknown } | undefined;
  return typeof cause?.type === 'string' ? cause.type : undefined;
}

interface Mapped {
  status: number;
  code: string;
  message: string;
  details: unknown;
}

export function mapException(exception: unknown): Mapped {
  // An AppError has said what it means, whatever database error it carries as its cause.
  if (exception instanceof AppError) {
    return { status: exception.status, code: exception.code, message: exception.message, details: exception.details };
  }
  const translated = translateDatabaseError(exception);
  if (translated) return mapException(translated);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const parserError = bodyParserType(exception);
    if (parserError === 'entity.parse.failed') return fromDefinition(PlatformErrors.MALFORMED_JSON, { reason: exception.message });
    if (parserError === 'entity.too.large') {
      const cause = exception.cause as { limit?: number; length?: number };
      return fromDefinition(PlatformErrors.PAYLOAD_TOO_LARGE, { limitBytes: cause.limit ?? null, receivedBytes: cause.length ?? null });
    }
    if (parserError === 'encoding.unsupported' || parserError === 'charset.unsupported') {
      return fromDefinition(PlatformErrors.UNSUPPORTED_MEDIA_TYPE, { reason: exception.message });
    }
    // Nest's own not-found handler is the only code that throws a bare NotFoundException:
    // our code throws AppError with NOT_FOUND.
    if (status === 404) return fromDefinition(PlatformErrors.ROUTE_NOT_FOUND, null);
    // Readiness (terminus) answers 503 with what is down: keep that in the details.
    if (status === 503) return fromDefinition(PlatformErrors.SERVICE_UNAVAILABLE, exception.getResponse());
    if (status >= 500) return fromDefinition(PlatformErrors.INTERNAL_ERROR, null);
    const definition = BY_STATUS[status] ?? PlatformErrors.BAD_REQUEST;
    const response = exception.getResponse();
    const detail = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: unknown }).message : response;
    return { status, code: definition.code, message: definition.message, details: detail === definition.message ? null : { reason: detail } };
  }
  return fromDefinition(PlatformErrors.INTERNAL_ERROR, null);
}

function fromDefinition(definition: ErrorDefinition, details: unknown): Mapped {
  return { status: definition.status, code: definition.code, message: definition.message, details };
}

/** The one place an error becomes an HTTP response: `{ error: { code, message, details, requestId } }`. */
@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorEnvelope');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const mapped = mapException(exception);
    if (mapped.code === PlatformErrors.INTERNAL_ERROR.code) {
      // A 500 is always a bug: log it whole, answer without internals.
      this.logger.error({ err: exception, requestId: request.id, route: `${request.method} ${request.path}` }, 'unhandled error');
    } else if (mapped.code === PlatformErrors.AUDIT_NOT_RECORDED.code) {
      // A server fault, answered without internals and refused alone (fail closed): the cause goes to the log.
      this.logger.error({ err: exception, requestId: request.id, route: `${request.method} ${request.path}` }, 'audit record not written: request refused');
    } else if (!(exception instanceof AppError) && translateDatabaseError(exception)) {
      // The database refused what the validation let through: the caller is answered, the gap is worth a look.
      this.logger.warn({ err: exception, requestId: request.id, route: `${request.method} ${request.path}` }, 'database constraint refused the input');
    }
    const body: ErrorEnvelope = {
      error: { code: mapped.code, message: mapped.message, details: mapped.details, requestId: request.id ? String(request.id) : null },
    };
    if (response.headersSent) return;
    if (exception instanceof AppError) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response.status(mapped.status).json(body);
  }
}
