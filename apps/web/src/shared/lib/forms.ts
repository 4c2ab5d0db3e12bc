import type { FormInstance } from 'antd';
import { ApiError, namePathOf } from '../api/api-error';

/**
 * The field problems of a refusal onto the form's fields (WEB.md §3): a
 * 422's, and those of a conflict that names its field (409 ALREADY_ENROLLED
 * on `kind`). Returns the error left for the form's Alert: null when every
 * problem found its field.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): unknown {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return error;
  const problems = error.fieldProblems;
  const placed = problems.filter((problem) => fields.includes(String(namePathOf(problem.field)[0])));
  const byField = new Map<string, string[]>();
  for (const problem of placed) byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.reason]);
  form.setFields([...byField].map(([field, errors]) => ({ name: namePathOf(field), errors })));
  if (placed.length === problems.length && placed.length > 0) return null;
  // What no field shows stays with the alert (e.g. which reports a summary still waits for).
  const unplaced = Array.isArray(error.details) ? error.details.filter((item) => !placed.some((problem) => problem.field === (item as { field?: unknown })?.field)) : error.details;
  return new ApiError(error.status, error.code, error.fullMessage, unplaced, error.requestId);
}
