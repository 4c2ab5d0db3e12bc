import { type Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { PlatformErrors } from '../errors/platform-errors.js';

/** One page of every list: the items and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `limit` (default 50, at most 200) and `cursor` (the `nextCursor` of the previous page): the query of every list. */
export class PageQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'How many items, 1–200 (default 50)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ type: String, description: 'The nextCursor of the previous page; absent for the first page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1000}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

const pageClasses = new Map<ClassType<unknown>, ClassType<Page<unknown>>>();

/**
 * The page class of an item class, for OpenAPI: `{ items: Item[], nextCursor }`
 * named `<Item>Page`. One class per item class, so the document has one schema each.
 */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  const existing = pageClasses.get(item);
  if (existing) return existing as ClassType<Page<T>>;
  class PageClass implements Page<T> {
    @ApiProperty({ type: () => item, isArray: true })
    items!: T[];

    @ApiProperty({ type: String, nullable: true, description: 'The cursor of the next page; null on the last page' })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageClass, 'name', { value: `${item.name.replace(/(View|Dto|Item)$/, '')}Page` });
  pageClasses.set(item, PageClass);
  return PageClass;
}

type CursorValue = string | number | boolean | null;

/**
 * Keyset cursors: the sort key of the last item of a page, opaque to clients
 * (base64url JSON). A cursor that was tampered with or belongs to another list
 * answers 422 naming the field.
 */
export const Cursor = {
  encode(values: readonly (CursorValue | Date)[]): string {
    return Buffer.from(JSON.stringify(values.map((value) => (value instanceof Date ? value.toISOString() : value)))).toString('base64url');
  },

  decode(cursor: string | undefined, arity: number, field = 'cursor'): CursorValue[] | undefined {
    if (cursor === undefined) return undefined;
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      values = undefined;
    }
    if (!Array.isArray(values) || values.length !== arity || values.some((value) => value !== null && !['string', 'number', 'boolean'].includes(typeof value))) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, '游标无效，请使用上一页返回的 nextCursor / cursor must be the nextCursor of a previous page of this list');
    }
    return values as CursorValue[];
  },
};

/**
 * The keyset condition "after the cursor" for a sort on `columns` all in one
 * direction (SQL expressions; for a mixed order give keys that sort the same
 * way, e.g. `(NOT green_channel)` for "green channel first"), appending the
 * cursor's values to `params`. `casts` are their SQL types ('timestamptz', 'uuid').
 */
export function afterCursor(params: unknown[], columns: readonly string[], values: readonly CursorValue[], casts: readonly string[], direction: 'asc' | 'desc' = 'asc'): string {
  const placeholders = values.map((value, index) => `$${params.push(value)}::${casts[index]}`);
  return `(${columns.join(', ')}) ${direction === 'asc' ? '>' : '<'} (${placeholders.join(', ')})`;
}

/**
 * Cuts `limit + 1` rows fetched into a page: the extra row only tells that a
 * next page exists; the cursor is the sort key of the page's last row.
 */
export function toPage<R, T>(rows: readonly R[], limit: number, view: (row: R) => T, sortKey: (row: R) => readonly (CursorValue | Date)[]): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(view), nextCursor: rows.length > limit && last !== undefined ? Cursor.encode(sortKey(last)) : null };
}

/** The limit of a page query (default 50). */
export function pageSize(query: PageQuery | undefined): number {
  return query?.limit ?? DEFAULT_PAGE_SIZE;
}

/** A sort key of a keyset page: an SQL expression and the SQL type its cursor value is cast back to. */
export interface SortKey {
  expr: string;
  cast: 'timestamptz' | 'date' | 'uuid' | 'text' | 'int' | 'bigint' | 'numeric' | 'boolean';
}

/** The prefix of the key columns keysetPage adds to a row; they never reach the view. */
const KEY_COLUMN = 'page_key_';

/**
 * One keyset page: the rows of `from` that satisfy `where` (its parameters in
 * `params`), ordered by `keys` — all in one direction, the last one unique (an
 * id) — after the cursor, at most `limit`; each row made into an item by
 * `view`. The keys travel as text, exactly (a timestamp to the microsecond).
 * For a mixed order give keys that sort one way: `(NOT r.green_channel)`,
 * `COALESCE(r.accept_by, 'infinity')`.
 */
export async function keysetPage<R, T>(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  spec: { select: string; from: string; where: readonly string[]; params: unknown[]; keys: readonly SortKey[]; direction?: 'asc' | 'desc' },
  query: PageQuery,
  view: (row: R) => T,
): Promise<Page<T>> {
  const direction = spec.direction ?? 'asc';
  const where = [...spec.where];
  const cursor = Cursor.decode(query.cursor, spec.keys.length);
  if (cursor)
    where.push(
      afterCursor(
        spec.params,
        spec.keys.map((key) => key.expr),
        cursor,
        spec.keys.map((key) => key.cast),
        direction,
      ),
    );
  const limit = pageSize(query);
  const keyColumns = spec.keys.map((key, index) => `(${key.expr})::text AS ${KEY_COLUMN}${index}`).join(', ');
  const order = spec.keys.map((key) => `${key.expr} ${direction.toUpperCase()}`).join(', ');
  const rows = (await db.query(
    `SELECT ${spec.select}, ${keyColumns} FROM ${spec.from}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${limit + 1}`,
    spec.params,
  )) as Record<string, unknown>[];
  return toPage(
    rows,
    limit,
    (row) => view(Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith(KEY_COLUMN))) as R),
    (row) => spec.keys.map((_, index) => row[`${KEY_COLUMN}${index}`] as string),
  );
}
