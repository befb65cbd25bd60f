import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, so files run in parallel without seeing each other's rows.
 * By default a copy of the migrated template npm test prepared (DATABASE_URL); `{ empty: true }` gives
 * a blank one, for tests of the migrations themselves.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const templateUrl = process.env.DATABASE_URL;
  if (!templateUrl)
    throw new Error('DATABASE_URL is not set: run the tests with npm test, which provides it');
  const template = new URL(templateUrl);
  const name = `${template.pathname.slice(1)}_${randomBytes(6).toString('hex')}`;
  const clause = options.empty ? 'TEMPLATE template0' : `TEMPLATE "${template.pathname.slice(1)}"`;
  await administer(templateUrl, `CREATE DATABASE "${name}" ${clause}`);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => administer(templateUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function administer(templateUrl: string, statement: string): Promise<void> {
  const url = new URL(templateUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
