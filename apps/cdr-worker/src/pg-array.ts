/**
 * A PostgreSQL array literal of `values`, built flat in one `join`: node-postgres builds array
 * parameters by string concatenation, element by element, which a batch of thousands of rows pays
 * for in escaping, flattening and garbage. Strings are always quoted (so the text `NULL` stays text);
 * `null` and `undefined` are SQL NULL; numbers and bigints are written as they print.
 */
export function pgArray(values: readonly unknown[]): string {
  return `{${values.map(pgArrayElement).join(',')}}`;
}

function pgArrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return `"${value.replace(/[\\"]/g, '\\$&')}"`;
  throw new TypeError(`cannot write a ${typeof value} in a PostgreSQL array`);
}
