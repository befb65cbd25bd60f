/** One dependency a process needs (PostgreSQL, Redis, Kamailio RPC…), probed on demand. */
export interface HealthCheck {
  readonly name: string;
  /**
   * False for a dependency the process keeps running without, in a reduced way: its being down makes
   * the report `degraded` (HTTP 200), not `error` (503), so an orchestrator does not restart a process
   * that a restart cannot mend. Default true.
   */
  readonly required?: boolean;
  check(): Promise<void>;
}

export interface HealthReport {
  /** `error`: a required dependency is down; `degraded`: only optional ones are. */
  status: 'ok' | 'degraded' | 'error';
  checks: Record<string, { status: 'up' | 'down'; required: boolean; latencyMs: number; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2000;

export async function runHealthChecks(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const entries = await Promise.all(checks.map(async (c) => [c.name, await probe(c)] as const));
  const down = entries.filter(([, result]) => result.status === 'down');
  const status = down.some(([, result]) => result.required) ? 'error' : down.length > 0 ? 'degraded' : 'ok';
  return { status, checks: Object.fromEntries(entries) };
}

async function probe(check: HealthCheck): Promise<HealthReport['checks'][string]> {
  const started = performance.now();
  const required = check.required ?? true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { status: 'up', required, latencyMs: elapsed(started) };
  } catch (error) {
    return { status: 'down', required, latencyMs: elapsed(started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** Redis answers PING (any client with `ping()`, such as ioredis). */
export function redisHealthCheck(redis: { ping(): Promise<unknown> }): HealthCheck {
  return { name: 'redis', check: async () => void (await redis.ping()) };
}

/** PostgreSQL answers a trivial query (any client with `query()`, such as a TypeORM DataSource). */
export function postgresHealthCheck(database: { query(sql: string): Promise<unknown> }): HealthCheck {
  return { name: 'postgresql', check: async () => void (await database.query('SELECT 1')) };
}
