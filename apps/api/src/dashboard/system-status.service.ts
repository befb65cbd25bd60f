import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreditPools } from '@tollgate/credit-pools';
import { KamailioRpcClient } from '@tollgate/kamailio';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import type { Actor } from '../audit/actor';
import { ForbiddenError } from '../http/domain-errors';
import { PlatformQueues } from '../queues/platform-queues';
import { splitPath } from '../rating-catalog/catalog-snapshot';
import { REDIS } from '../redis/redis.module';
import type { systemStatusSchema } from './dto/dashboard.dto';

export type SystemStatus = z.output<typeof systemStatusSchema>;
type WorkerStatus = SystemStatus['workers'][number];

/** How long a probe may take before its part counts as down: the status page must answer quickly. */
export const PROBE_TIMEOUT_MS = 1_000;

/** A worker whose last heartbeat is older is shown late (call control beats every second, cdr-worker every 5 s). */
const LATE_AFTER_SECONDS = 15;

/** The workers that keep a heartbeat in a sorted set `<prefix>:<kind>:members` (member = instance, score = ms). */
const WORKER_KINDS = ['call-control', 'cdr-worker'] as const;

/**
 * The platform's health for its owner: PostgreSQL, Redis, Kamailio's JSON-RPC and the workers'
 * heartbeats and the depth of every queue, each probed with a short timeout, so one part down never stalls the page.
 */
@Injectable()
export class SystemStatusService {
  private readonly kamailio: KamailioRpcClient | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly pools: CreditPools,
    @Inject(API_ENVIRONMENT) env: ApiEnvironment,
    private readonly platformQueues: PlatformQueues,
  ) {
    this.kamailio = env.KAMAILIO_RPC_URL
      ? new KamailioRpcClient({ url: env.KAMAILIO_RPC_URL, timeoutMs: PROBE_TIMEOUT_MS })
      : undefined;
  }

  async status(actor: Actor): Promise<SystemStatus> {
    if (actor.scope.isEndUser || splitPath(actor.scope.tenantPath).length !== 1)
      throw new ForbiddenError("the platform's status is for its owner");
    const [postgres, redis, kamailio, workers, queues] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
      this.kamailioStatus(),
      this.workers().catch(() => []),
      withTimeout(this.platformQueues.depths()).catch(() => []),
    ]);
    return {
      postgres: withoutValue(postgres),
      redis: withoutValue(redis),
      kamailio,
      workers,
      queues,
      at: new Date(),
    };
  }

  private async kamailioStatus(): Promise<SystemStatus['kamailio']> {
    if (!this.kamailio) return { status: 'unknown', latencyMs: null, version: null, error: null };
    const client = this.kamailio;
    const result = await probe(() => client.call('core.version'));
    const version =
      result.value === undefined
        ? null
        : String(typeof result.value === 'string' ? result.value : JSON.stringify(result.value));
    return { ...withoutValue(result), version: version?.slice(0, 200) ?? null };
  }

  private async workers(now = Date.now()): Promise<WorkerStatus[]> {
    const workers: WorkerStatus[] = [];
    for (const kind of WORKER_KINDS) {
      const entries = await withTimeout(
        this.redis.zrange(`${this.pools.keyPrefix}:${kind}:members`, 0, -1, 'WITHSCORES'),
      );
      for (let index = 0; index < entries.length; index += 2) {
        const lastHeartbeatAt = Number(entries[index + 1]);
        const secondsSinceHeartbeat = Math.max(0, Math.floor((now - lastHeartbeatAt) / 1000));
        workers.push({
          kind,
          instance: entries[index]!,
          lastHeartbeatAt: new Date(lastHeartbeatAt),
          secondsSinceHeartbeat,
          status: secondsSinceHeartbeat > LATE_AFTER_SECONDS ? 'late' : 'up',
        });
      }
    }
    return workers;
  }
}

interface ProbeResult {
  status: 'up' | 'down';
  latencyMs: number;
  error: string | null;
  value?: unknown;
}

async function probe(check: () => Promise<unknown>): Promise<ProbeResult> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const value = await withTimeout(check());
    return { status: 'up', latencyMs: latencyMs(), error: null, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'down', latencyMs: latencyMs(), error: message.slice(0, 500) };
  }
}

function withoutValue({ value: _value, ...result }: ProbeResult) {
  return result;
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
