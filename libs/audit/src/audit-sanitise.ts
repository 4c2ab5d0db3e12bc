/**
 * What goes into an audit record's canonical form is made safe here, in one
 * place, so that no content of one entry can make PostgreSQL refuse it (and,
 * before each entry was retried alone, a whole batch of other users' records
 * with it; R21, R22). Text keeps what it said, as far as it can be kept:
 * a lone UTF-16 surrogate becomes U+FFFD, a NUL (refused by PostgreSQL text
 * and jsonb) is dropped, absurd sizes are cut with a note of how much was cut.
 * Details become plain JSON: no undefined, functions, symbols, bigints,
 * non-finite numbers, cycles or unbounded depth.
 */

/** The longest text kept in one value (an audit record states facts, it is not a copy of the request). */
export const MAX_AUDIT_TEXT = 2000;
/** Deeper than this, a value is replaced by a marker. */
export const MAX_AUDIT_DEPTH = 8;
/** At most this many keys of one object and items of one array are kept. */
export const MAX_AUDIT_ITEMS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text PostgreSQL takes: well-formed UTF-16 (lone surrogates → U+FFFD), no NUL, at most `max` characters. */
export function auditText(value: string, max = MAX_AUDIT_TEXT): string {
  const clean = value.replace(LONE_SURROGATE, '\uFFFD').replace(NUL, '');
  if (clean.length <= max) return clean;
  // Do not cut a surrogate pair in two.
  let end = max;
  if (/[\uD800-\uDBFF]/.test(clean[end - 1])) end -= 1;
  return `${clean.slice(0, end)}…[${clean.length - end} more characters cut]`;
}

/** Optional text: null stays null, anything else becomes safe text. */
export function auditOptionalText(value: unknown, max = MAX_AUDIT_TEXT): string | null {
  if (value === null || value === undefined) return null;
  return auditText(typeof value === 'string' ? value : String(value), max);
}

/** A uuid column: a well-formed uuid, else null. */
export function auditUuid(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

/** The file ids of a record (uuid[]): the well-formed ones, and those that are not, kept apart as text. */
export function auditFileIds(values: unknown): { fileIds: string[]; invalid: string[] } {
  const fileIds: string[] = [];
  const invalid: string[] = [];
  for (const value of Array.isArray(values) ? values : []) {
    const id = auditUuid(value);
    if (id) fileIds.push(id.toLowerCase());
    else invalid.push(auditText(String(value), 100));
  }
  return { fileIds: [...new Set(fileIds)], invalid: invalid.slice(0, MAX_AUDIT_ITEMS) };
}

/** Any value as plain JSON PostgreSQL's jsonb takes (see the module comment). */
export function auditJson(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return auditText(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'function':
    case 'symbol':
      return null;
  }
  const object = value as object;
  if (depth >= MAX_AUDIT_DEPTH) return '[nested too deep]';
  if (seen.has(object)) return '[circular]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (ArrayBuffer.isView(object)) return `[binary, ${object.byteLength} bytes]`;
  if (object instanceof Error) return { name: auditText(object.name, 200), message: auditText(object.message) };
  seen.add(object);
  try {
    if (typeof (object as { toJSON?: unknown }).toJSON === 'function') return auditJson((object as { toJSON(): unknown }).toJSON(), depth, seen);
    if (Array.isArray(object) || object instanceof Set) {
      const items = [...(object as Iterable<unknown>)];
      const kept = items.slice(0, MAX_AUDIT_ITEMS).map((item) => auditJson(item, depth + 1, seen));
      if (items.length > MAX_AUDIT_ITEMS) kept.push(`[${items.length - MAX_AUDIT_ITEMS} more items cut]`);
      return kept;
    }
    const entries = object instanceof Map ? [...object.entries()].map(([key, item]) => [String(key), item] as const) : Object.entries(object);
    const result: Record<string, unknown> = {};
    let kept = 0;
    for (const [key, item] of entries) {
      // What JSON.stringify would leave out stays out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (kept === MAX_AUDIT_ITEMS) {
        result['[cut]'] = `${entries.length - kept} more keys cut`;
        break;
      }
      result[auditText(key, 200)] = auditJson(item, depth + 1, seen);
      kept++;
    }
    return result;
  } finally {
    seen.delete(object);
  }
}

/** The details of a record: always a JSON object. */
export function auditDetails(details: unknown): Record<string, unknown> {
  const json = auditJson(details ?? {});
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : { value: json };
}
