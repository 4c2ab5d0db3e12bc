import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';
import { PlatformErrors } from '../errors/platform-errors.js';

/** `@Param('id', uuidParam('id'))`: a malformed id is a 422 naming the parameter, like any other bad field. */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => AppError.field(PlatformErrors.VALIDATION_FAILED, field, `${field} 须为 UUID / ${field} must be a UUID`) });
}
