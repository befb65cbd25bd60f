import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgArray } from './pg-array';

describe('pgArray', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  it('reads back in PostgreSQL as exactly the values given, whatever characters they hold', async () => {
    const texts = [
      'plain',
      '',
      'NULL',
      null,
      'a "quoted" \\ back\\\\slash',
      '{braces},commas, and spaces ',
      'line\nbreak\ttab',
      'ünïcödé ☎ 𝄞',
      'a84b4c76e66710@pc33.atlanta.com:5060',
    ];
    const { rows } = await client.query(
      'SELECT $1::text[] AS texts, $2::numeric[]::text[] AS amounts, $3::int[] AS ints',
      [
        pgArray(texts),
        pgArray(['-0.060000', null, '12345678901234.123456']),
        pgArray([0, -7, null, 2147483647]),
      ],
    );
    expect(rows[0]).toEqual({
      texts,
      amounts: ['-0.060000', null, '12345678901234.123456'],
      ints: [0, -7, null, 2147483647],
    });
    expect((await client.query('SELECT cardinality($1::text[]) AS n', [pgArray([])])).rows[0]).toEqual({
      n: 0,
    });
  });

  it('refuses a value it cannot write', () => {
    expect(() => pgArray([{}])).toThrow(TypeError);
  });
});
