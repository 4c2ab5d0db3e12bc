import { AppError, type ErrorDefinition } from './app-error.js';
import { PlatformErrors } from './platform-errors.js';

/**
 * The one translator from a PostgreSQL refusal to an answer: input the
 * validation let through but the database's constraints refuse is the
 * caller's problem (409 or 422), never a 500. Codes: PostgreSQL appendix A.
 */
interface PgFacts {
  code: string;
  column?: string;
  constraint?: string;
  detail?: string;
}

const CONFLICTS = new Set(['23505', '40001', '40P01']);
/** Not null, check, and class 22 (data exception: too long, out of range, bad date, bad text, bad bytes). */
const INVALID_INPUT = new Set(['23502', '23514']);

/** `reported_to_organisation_id` → `reportedToOrganisationId`, the name the API uses. */
function fieldOf(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** TypeORM wraps the driver's error (`driverError`), a cause chain may wrap either. */
function pgFacts(error: unknown): PgFacts | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; driverError?: unknown; cause?: unknown; severity?: unknown; name?: unknown };
    const driver = candidate.driverError as PgFacts | undefined;
    if (driver && typeof driver.code === 'string') return driver;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && (candidate.severity !== undefined || candidate.name === 'QueryFailedError')) {
      return candidate as PgFacts;
    }
    current = candidate.cause;
  }
  return null;
}

/** The column a refusal names: the error's own `column`, else the key in `detail` ("Key (x_id)=(…)"). */
function columnOf(facts: PgFacts): string | undefined {
  if (facts.column) return facts.column;
  const match = /^Key \(([a-z0-9_]+)(?:,[^)]*)?\)=/.exec(facts.detail ?? '');
  return match?.[1];
}

function fieldError(definition: ErrorDefinition, field: string, reason: string, cause: unknown): AppError {
  return new AppError(definition, { details: [{ field, reason }], cause });
}

/**
 * A serialization failure or a deadlock (40001, 40P01): PostgreSQL rolled the
 * whole transaction back and it may simply be run again (PostgreSQL manual,
 * "Serialization Failure Handling").
 */
export function isTransientConflict(error: unknown): boolean {
  const code = pgFacts(error)?.code;
  return code === '40001' || code === '40P01';
}

/** The AppError a database error stands for, or null when it is not one the caller caused. */
export function translateDatabaseError(error: unknown): AppError | null {
  const facts = pgFacts(error);
  if (!facts) return null;
  const column = columnOf(facts);
  const field = column ? fieldOf(column) : '(request)';
  if (facts.code === '23503') {
    // Deleting what others still refer to is a conflict; referring to what does not exist is bad input.
    if (/still referenced/.test(facts.detail ?? ''))
      return new AppError(PlatformErrors.CONFLICT, { details: { reason: '仍被其他记录引用 / still referred to by other records' }, cause: error });
    return fieldError(PlatformErrors.VALIDATION_FAILED, field, '引用的记录不存在 / refers to a record that does not exist', error);
  }
  if (CONFLICTS.has(facts.code)) {
    const reason = facts.code === '23505' ? '已存在 / already exists' : '并发修改冲突，请重试 / a concurrent change conflicted, try again';
    return new AppError(PlatformErrors.CONFLICT, { details: { field: column ? field : null, reason }, cause: error });
  }
  if (INVALID_INPUT.has(facts.code) || facts.code.startsWith('22')) {
    return fieldError(PlatformErrors.VALIDATION_FAILED, field, '数据库拒绝了此值 / the value is out of range or not allowed', error);
  }
  return null;
}
