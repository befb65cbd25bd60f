import Redis from 'ioredis';
import { Client } from 'pg';
import { LocalPostgres } from './local-postgres';
import { LocalRedis } from './local-redis';
import { LocalSetupError } from './local-setup-error';
import { assertPortFree } from './ports';
import { environmentDirectory } from './repository-paths';

export interface BackingServices {
  databaseUrl: string;
  redisUrl: string;
  /** Stops the servers we started, and only those. */
  stop(): Promise<void>;
}

interface Provision {
  environment: 'dev' | 'test';
  databaseName: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  postgresPort: number;
  redisPort: number;
  postgresPortVariable: string;
  redisPortVariable: string;
}

/**
 * PostgreSQL and Redis for one environment: the servers named by DATABASE_URL / REDIS_URL when
 * given (checked now, so a wrong URL fails before anything starts), otherwise our own on loopback.
 */
export async function provideBackingServices(provision: Provision): Promise<BackingServices> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    const databaseUrl = await providePostgres(provision, stops);
    const redisUrl = await provideRedis(provision, stops);
    return { databaseUrl, redisUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function providePostgres(provision: Provision, stops: Array<() => Promise<void>>): Promise<string> {
  if (provision.databaseUrl) {
    await checkPostgres(provision.databaseUrl);
    return provision.databaseUrl;
  }
  await assertPortFree(provision.postgresPort, provision.postgresPortVariable);
  const ephemeral = provision.environment === 'test';
  const postgres = new LocalPostgres({
    directory: environmentDirectory(provision.environment),
    port: provision.postgresPort,
    ephemeral,
  });
  await postgres.start();
  stops.push(() => postgres.stop());
  await postgres.createDatabase(provision.databaseName, { recreate: ephemeral });
  return postgres.url(provision.databaseName);
}

async function provideRedis(provision: Provision, stops: Array<() => Promise<void>>): Promise<string> {
  if (provision.redisUrl) {
    await checkRedis(provision.redisUrl);
    return provision.redisUrl;
  }
  await assertPortFree(provision.redisPort, provision.redisPortVariable);
  const redis = new LocalRedis({
    directory: environmentDirectory(provision.environment),
    port: provision.redisPort,
    ephemeral: provision.environment === 'test',
  });
  await redis.start();
  stops.push(() => redis.stop());
  return redis.url();
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new LocalSetupError(
      `cannot use DATABASE_URL (${redact(url)}): ${(error as Error).message}. Fix it, or unset it to let Tollgate run its own PostgreSQL`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new LocalSetupError(
      `cannot use REDIS_URL (${redact(url)}): ${(error as Error).message}. Fix it, or unset it to let Tollgate run its own Redis`,
    );
  } finally {
    client.disconnect();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
