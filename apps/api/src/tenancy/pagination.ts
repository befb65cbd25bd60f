import { createZodDto } from 'nestjs-zod';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { BadRequestError } from '../http/domain-errors';
import { nullableText } from '../http/field-schemas';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
  /** An entity property to sort by; ties are broken by id so pages never overlap or skip. */
  sort: string;
  order: 'asc' | 'desc';
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Query parameters every list accepts; each resource narrows `sort` to its own fields. */
export function pageQuerySchema<Sort extends readonly [string, ...string[]]>(
  sortable: Sort,
  defaultSort: Sort[number],
) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional().meta({ description: 'nextCursor of the previous page' }),
    sort: z.enum(sortable).default(defaultSort),
    order: z.enum(['asc', 'desc']).default('asc'),
  });
}

/** The list answer: one page of rows and the cursor of the next page (null on the last). */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item), nextCursor: nullableText() });
}

export function pageDto<Item extends z.ZodType>(item: Item) {
  return createZodDto(pageSchema(item), { codec: true });
}

/** Keyset pagination: stable under concurrent inserts, and as fast on page 1,000 as on page 1. */
export async function paginate<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  request: PageRequest,
): Promise<Page<E>> {
  const sortKey = sortExpression(query, request.sort);
  const direction = request.order === 'asc' ? 'ASC' : 'DESC';
  if (request.cursor) {
    const [value, id] = decodeCursor(request.cursor);
    const comparison = request.order === 'asc' ? '>' : '<';
    query.andWhere(`(${sortKey}, ${query.alias}.id) ${comparison} (:cursorValue, :cursorId)`, {
      cursorValue: value,
      cursorId: id,
    });
  }
  const rows = await query
    .orderBy(sortKey, direction)
    .addOrderBy(`${query.alias}.id`, direction)
    .take(request.limit + 1)
    .getMany();
  const data = rows.slice(0, request.limit);
  const last = data[data.length - 1];
  const nextCursor = rows.length > request.limit && last ? encodeCursor(last[request.sort], last.id) : null;
  return { data, nextCursor };
}

// PostgreSQL keeps microseconds but a cursor carries a JavaScript Date (milliseconds): timestamps are
// ordered and compared at millisecond precision, so a page boundary never repeats or skips a row.
function sortExpression<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, sort: string): string {
  const column = query.expressionMap.mainAlias?.metadata.findColumnWithPropertyPath(sort);
  const isTimestamp =
    column && ['timestamptz', 'timestamp with time zone', 'timestamp'].includes(String(column.type));
  return isTimestamp ? `date_trunc('milliseconds', ${query.alias}.${sort})` : `${query.alias}.${sort}`;
}

function encodeCursor(value: unknown, id: unknown): string {
  const plain = value instanceof Date ? value.toISOString() : String(value);
  return Buffer.from(JSON.stringify([plain, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded.length === 2) return [String(decoded[0]), String(decoded[1])];
  } catch {
    // reported below
  }
  throw new BadRequestError('the cursor is not one this API gave out', 'cursor');
}
