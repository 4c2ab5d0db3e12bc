/**
 * Domain errors carry a stable code; the one exception filter turns them into
 * the error envelope with the HTTP status of their definition. Each lib
 * declares its own codes with `defineErrors`.
 */
export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  /** User-facing, Chinese with English beside it. */
  readonly message: string;
}

export function defineErrors<const T extends Record<string, { status: number; message: string }>>(
  definitions: T,
): { readonly [K in keyof T & string]: ErrorDefinition & { code: K } } {
  const result: Record<string, ErrorDefinition> = {};
  for (const [code, definition] of Object.entries(definitions)) {
    result[code] = Object.freeze({ code, status: definition.status, message: definition.message });
  }
  return Object.freeze(result) as { readonly [K in keyof T & string]: ErrorDefinition & { code: K } };
}

/** One problem with one input field; `field` is a dotted path (`contacts[0].phone`). */
export interface FieldProblem {
  field: string;
  reason: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  /** Response headers that belong to the error, e.g. Retry-After on a 429. */
  readonly headers: Record<string, string>;

  constructor(definition: ErrorDefinition, options: { message?: string; details?: unknown; cause?: unknown; headers?: Record<string, string> } = {}) {
    super(options.message ?? definition.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = definition.code;
    this.status = definition.status;
    this.details = options.details ?? null;
    this.headers = options.headers ?? {};
  }

  /** A 422 naming one field, the shape validation errors have. */
  static field(definition: ErrorDefinition, field: string, reason?: string): AppError {
    return new AppError(definition, { details: [{ field, reason: reason ?? definition.message }] });
  }
}
