import type { ValidationError } from 'class-validator';
import { AppError, type FieldProblem } from './app-error.js';
import { PlatformErrors } from './platform-errors.js';

/** Reasons in words a caller can act on, instead of class-validator's constraint keys. */
function reasonFor(constraint: string, message: string): string {
  if (constraint === 'whitelistValidation') return 'unknown field / 未知字段';
  return message;
}

/** Flattens nested class-validator errors into `field` paths (`contacts[0].phone`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ field, reason: reasonFor(constraint, message) });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, field));
  }
  return problems;
}

/** `ValidationPipe.exceptionFactory`: 422 VALIDATION_FAILED naming each field and its reason. */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, { details: flattenValidationErrors(errors) });
}
