import Redis from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import {
  startPlatformKamailio,
  startSipp,
  type PlatformKamailio,
  type SippOptions,
  type SippProcess,
} from '../../../infra/kamailio/src/testing';
import type { PortalPlatform } from './portal-harness';
import { type RunningProcess, startBuiltCallControl, startBuiltCdrWorker } from './platform-processes';

// The SIP side of a portal platform, for files whose calls go through SIP: infra/kamailio's kamailio.cfg
// (started by its own suite's kit) asking the platform's API, the built call control and cdr-worker on the
// platform's own Redis keys, and SIPp phones and carriers on loopback.

export interface SipPlatform {
  readonly kamailio: PlatformKamailio;
  readonly callControl: RunningProcess;
  readonly cdrWorker: RunningProcess;
  /** A SIPp process (caller or callee) in Kamailio's directory, stopped after the file if still running. */
  sipp(options: Omit<SippOptions, 'directory'>): Promise<SippProcess>;
  /** What Kamailio, call control and cdr-worker logged: print it when an assertion fails. */
  logs(): string;
}

/**
 * Starts Kamailio, call control and cdr-worker for `platform` (after its own beforeAll) and stops them,
 * with any SIPp left running, before it stops. The platform must have `ownRedisKeys`: call control and
 * cdr-worker would otherwise take the calls and jobs of the other files' platforms.
 */
export function useSipPlatform(platform: PortalPlatform): SipPlatform {
  const running = new Set<SippProcess>();
  const sip = {
    sipp: async (options: Omit<SippOptions, 'directory'>) => {
      const started = await startSipp({ ...options, directory: sip.kamailio.directory });
      running.add(started);
      void started.result.then(() => running.delete(started));
      return started;
    },
    logs: () =>
      [
        `--- kamailio ---\n${sip.kamailio?.output().slice(-6000)}`,
        `--- call control ---\n${sip.callControl?.output().slice(-4000)}`,
        `--- cdr-worker ---\n${sip.cdrWorker?.output().slice(-4000)}`,
      ].join('\n'),
  } as SipPlatform & Record<string, unknown>;
  beforeAll(async () => {
    const redisKeys = platform.redisKeys;
    if (!redisKeys) throw new Error('useSipPlatform needs usePortalPlatform({ ownRedisKeys: true })');
    const redisUrl = process.env.REDIS_URL!;
    const kamailio = await startPlatformKamailio({
      ratingApiUrl: `${platform.api.url}/rating`,
      ratingApiToken: platform.ratingApiToken,
      databaseUrl: platform.database.url,
      startTimeoutMs: 60_000,
    });
    Object.assign(sip, { kamailio });
    Object.assign(sip, {
      callControl: await startBuiltCallControl({ redisUrl, kamailioRpcUrl: kamailio.rpcUrl, redisKeys }),
    });
    Object.assign(sip, {
      cdrWorker: await startBuiltCdrWorker({ databaseUrl: platform.database.url, redisUrl, redisKeys }),
    });
  });
  afterAll(async () => {
    await Promise.all([...running].map((sipp) => sipp.stop()));
    const { cdrWorker, callControl, kamailio } = sip as Partial<SipPlatform>;
    await cdrWorker?.stop();
    await callControl?.stop();
    await kamailio?.stop();
    if (platform.redisKeys) await removeRedisKeys(Object.values(platform.redisKeys));
  });
  return sip;
}

/** The pools, streams and queues the file's platform left in the shared test Redis. */
async function removeRedisKeys(prefixes: readonly string[]): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    for (const prefix of prefixes) {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<
        string[]
      >) {
        if (keys.length > 0) await redis.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
}
