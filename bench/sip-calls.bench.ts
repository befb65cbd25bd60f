// SIP calls benchmark (issue 6): SIPp through Kamailio (infra/kamailio/kamailio.cfg) with the whole
// platform running — the built API, call-control and cdr-worker on a database of their own, Redis — at a
// fixed rate of new calls from wholesale customers' SIP trunks (each known by its address: one authorize
// per call, each its own account and credit pool, one SIPp caller each), answered by a SIPp carrier, held,
// then hung up by the caller: authorized, begun, ended and settled by the rating API.
//
// Run from the repository root after a build (tsc -b), with DATABASE_URL and REDIS_URL naming servers you
// may write to (npm test's or npm start's); it creates and drops a database of its own and writes only its
// own account's Redis keys:
//   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/sip-calls.bench.ts [options]
//     --rate=N       new calls per second, default 200
//     --seconds=N    how long calls are started, default 30
//     --hold-ms=N    how long each answered call lasts, default 1000
//     --trunks=N     customers sharing the rate (SIP trunks 127.0.0.10, .11, …), default 4
//     --keep-db      keep the database (its name is printed)
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreditPools } from '../packages/credit-pools/src/credit-pools';
import { DEMO_OPERATOR } from '../packages/db/src/demo/credentials';
import {
  calleeScenario,
  callerScenario,
  freeTcpPort,
  freeUdpPort,
  spawnGroup,
  stopGroup,
  type GroupProcess,
} from '@tollgate/kamailio/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import {
  loginToApi,
  startApi,
  startPlatformKamailio,
  startSipp,
  succeeded,
  type PlatformKamailio,
} from '../infra/kamailio/src/testing';

const ROOT = path.resolve(__dirname, '..');
type Owner = Awaited<ReturnType<typeof loginToApi>>;
const trunkIp = (index: number) => `127.0.0.${10 + index}`;
const TARGET_RATE = 200;

const options = (() => {
  const value = (name: string, fallback: number) => {
    const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
    return given === undefined ? fallback : Number(given);
  };
  return {
    rate: value('rate', TARGET_RATE),
    seconds: value('seconds', 30),
    holdMs: value('hold-ms', 1000),
    trunks: value('trunks', 4),
    keepDb: process.argv.includes('--keep-db'),
  };
})();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function requiredUrl(name: 'DATABASE_URL' | 'REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must name a server the benchmark may write to (see the header)`);
  return value;
}

function databaseUrl(database: string): string {
  const url = new URL(requiredUrl('DATABASE_URL'));
  url.pathname = `/${database}`;
  return url.toString();
}

async function administer(statement: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const successfulCalls = (results: Array<{ successful: number }>) =>
  results.reduce((sum, result) => sum + result.successful, 0);

/**
 * The answered calls as cdr-worker stored and charged them: waits (up to 60 s) for a CDR per answered
 * call, then sums each account's call charges in the ledger. (The pools' `charged` is back to 0 by
 * then: a posted charge leaves the pool as it enters the balance.)
 */
async function storedCalls(
  url: string,
  accountIds: string[],
  expected: number,
): Promise<{ cdrs: number; charged: string[]; after: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    let cdrs = 0;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM cdrs WHERE account_id = ANY($1) AND answered_at IS NOT NULL',
        [accountIds],
      );
      cdrs = rows[0]!.n;
      if (cdrs >= expected || performance.now() - started > 60_000) break;
      await sleep(500);
    }
    const after = seconds(started);
    const { rows } = await client.query<{ account_id: string; charged: string }>(
      `SELECT account_id, (-sum(amount))::text AS charged FROM ledger_entries
       WHERE account_id = ANY($1) AND kind = 'call_charge' GROUP BY account_id`,
      [accountIds],
    );
    const byAccount = new Map(rows.map((row) => [row.account_id, row.charged]));
    return { cdrs, after, charged: accountIds.map((id) => byAccount.get(id) ?? '0') };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// CPU time of a process group (Kamailio's processes, SIPp's), from /proc: utime + stime, in seconds.

const CLOCK_TICKS = 100;

function groupCpuSeconds(groups: readonly number[]): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (groups.includes(Number(fields[2]))) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Redis's own CPU time (INFO cpu), so a Redis elsewhere is measured too. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field('used_cpu_sys') + field('used_cpu_user');
}

function machineCpuSeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS
  );
}

// ---------------------------------------------------------------------------------------------------
// The platform's workers, as npm start runs them; ready when their probe answers /health.

async function startWorker(
  name: 'call-control' | 'cdr-worker',
  env: NodeJS.ProcessEnv,
): Promise<GroupProcess> {
  const probePort = await freeTcpPort();
  const variable = name === 'call-control' ? 'CALL_CONTROL_PROBE_PORT' : 'CDR_WORKER_PROBE_PORT';
  const worker = spawnGroup(process.execPath, [path.join(ROOT, 'apps', name, 'dist', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, [variable]: String(probePort) },
  });
  let output = '';
  worker.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`http://127.0.0.1:${probePort}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (worker.child.exitCode !== null) throw new Error(`${name} exited at start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer /health within 30 s:\n${output}`);
    await sleep(200);
  }
  return worker;
}

// ---------------------------------------------------------------------------------------------------
// The operator's data, through the REST API: a sell card at 0.60 per minute billed per second, one carrier
// (the SIPp callee), and per customer a postpaid account with its SIP trunk.

async function createBenchData(owner: Owner, carrierPort: number): Promise<string[]> {
  const rateCard = async (name: string, kind: 'sell' | 'buy', pricePerMinute: string) => {
    const card = await succeeded(owner.POST('/rate-cards', { body: { name, kind, currency: 'EUR' } }));
    await succeeded(
      owner.POST('/rate-cards/{id}/rates', {
        params: { path: { id: card.id } },
        body: {
          prefix: '44',
          destination: 'United Kingdom',
          pricePerMinute,
          connectFee: '0',
          firstInterval: 1,
          nextInterval: 1,
          minCharge: '0',
          freeSeconds: 0,
          noChargeBelowSeconds: 0,
          roundingMode: 'half_up',
          roundingDecimals: 4,
          effectiveFrom: '2020-01-01T00:00:00.000Z',
          periodId: null,
        },
      }),
    );
    return card.id;
  };
  const sellRateCardId = await rateCard('Bench retail', 'sell', '0.60');
  const buyRateCardId = await rateCard('Bench carrier buys', 'buy', '0.01');
  const vendor = await succeeded(
    owner.POST('/vendors', {
      body: {
        name: 'Bench carrier',
        currency: 'EUR',
        enabled: true,
        buyRateCardId,
        priority: 0,
        weight: 1,
        notes: null,
      },
    }),
  );
  await succeeded(
    owner.POST('/vendors/{id}/trunks', {
      params: { path: { id: vendor.id } },
      body: {
        name: 'SIPp',
        host: '127.0.0.1',
        port: carrierPort,
        transport: 'udp',
        stripDigits: 0,
        addPrefix: '',
        maxChannels: null,
        timeoutSeconds: 5,
        enabled: true,
      },
    }),
  );
  const routing = await succeeded(
    owner.POST('/routing-plans', {
      body: { name: 'Bench LCR', strategy: 'lcr', allowLoss: false, maxVendors: 1 },
    }),
  );
  await succeeded(
    owner.POST('/routing-plans/{id}/vendors', {
      params: { path: { id: routing.id } },
      body: { prefix: '', vendorId: vendor.id, priority: null, weight: null },
    }),
  );
  const plan = await succeeded(
    owner.POST('/service-plans', {
      body: {
        name: 'Bench plan',
        sellRateCardId,
        routingPlanId: routing.id,
        recurringPeriod: 'monthly',
        includedMinutes: 0,
        active: true,
      },
    }),
  );
  const accountIds: string[] = [];
  for (let index = 0; index < options.trunks; index++) {
    const account = await succeeded(
      owner.POST('/accounts', {
        body: {
          code: `BENCH-${index + 1}`,
          name: `Bench wholesale customer ${index + 1}`,
          billingType: 'postpaid',
          creditLimit: '1000000',
          status: 'active',
          currency: 'EUR',
          servicePlanId: plan.id,
        },
      }),
    );
    await succeeded(
      owner.POST('/services', {
        body: {
          accountId: account.id,
          kind: 'sip_trunk',
          name: `Bench trunk ${index + 1}`,
          status: 'active',
          allowedSourceIps: [`${trunkIp(index)}/32`],
          techPrefix: null,
        },
      }),
    );
    accountIds.push(account.id);
  }
  return accountIds;
}

/** Polls authorize until the catalog knows the last trunk (an unpriced number answers no-rate, not a challenge). */
async function waitForCatalog(apiUrl: string, token: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await fetch(`${apiUrl}/rating/authorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        callId: randomUUID(),
        fromTag: 'probe',
        sourceIp: trunkIp(options.trunks - 1),
        destination: '999',
      }),
    });
    if (((await response.json()) as { reason: string }).reason === 'no-rate') return;
    if (Date.now() > deadline) throw new Error('the rating catalog did not load the bench data within 15 s');
    await sleep(200);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `SIP calls benchmark — Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? '?'}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
  );
  console.log(`${options.rate} new calls/s for ${options.seconds} s, each held ${options.holdMs} ms`);
  const redisUrl = requiredUrl('REDIS_URL');
  const database = `tollgate_bench_sip_${randomBytes(3).toString('hex')}`;
  const token = randomBytes(24).toString('hex');
  const stops: Array<() => Promise<unknown>> = [];
  let started = performance.now();
  await administer(`CREATE DATABASE "${database}" TEMPLATE template0`);
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'packages', 'db', 'dist', 'migrate.js'), '--seed-demo'], {
      env: { ...process.env, DATABASE_URL: databaseUrl(database) },
      stdio: 'ignore',
    });
    console.log(`database ${database} created, migrated, demo operator seeded: ${seconds(started)}`);

    started = performance.now();
    const api = await startApi({
      databaseUrl: databaseUrl(database),
      redisUrl,
      authSecret: randomBytes(32).toString('hex'),
      ratingApiToken: token,
    });
    stops.push(() => api.stop());
    const carrierPort = await freeUdpPort();
    const accountIds = await createBenchData(
      await loginToApi(api.url, DEMO_OPERATOR.ownerEmail, DEMO_OPERATOR.ownerPassword),
      carrierPort,
    );
    await waitForCatalog(api.url, token);
    const kamailio: PlatformKamailio = await startPlatformKamailio({
      ratingApiUrl: `${api.url}/rating`,
      ratingApiToken: token,
      databaseUrl: databaseUrl(database),
      sipWorkers: 8,
    });
    stops.push(() => kamailio.stop());
    const workerEnv = {
      DATABASE_URL: databaseUrl(database),
      REDIS_URL: redisUrl,
      KAMAILIO_RPC_URL: kamailio.rpcUrl,
    };
    for (const name of ['call-control', 'cdr-worker'] as const) {
      const worker = await startWorker(name, workerEnv);
      stops.push(() => stopGroup(worker, 10_000));
    }
    console.log(
      `platform up (API, Kamailio, call-control, cdr-worker) with the bench data: ${seconds(started)}`,
    );

    const callsPerTrunk = Math.round((options.rate / options.trunks) * options.seconds);
    const calls = callsPerTrunk * options.trunks;
    const timeoutSeconds = options.seconds + Math.ceil(options.holdMs / 1000) + 60;
    const carrier = await startSipp({
      scenario: calleeScenario({ answers: true }),
      directory: kamailio.directory,
      localPort: carrierPort,
      calls,
      timeoutSeconds,
    });
    stops.push(() => carrier.stop());
    const redis = new Redis(redisUrl);
    const cpuBefore = {
      kamailio: groupCpuSeconds([kamailio.pid]),
      api: groupCpuSeconds([api.pid]),
      redis: await redisCpuSeconds(redis),
      machine: machineCpuSeconds(),
    };
    started = performance.now();
    const callers = await Promise.all(
      accountIds.map(async (_account, index) =>
        startSipp({
          scenario: callerScenario({
            authenticates: false,
            outcome: { answered: 'caller-hangs-up', holdMs: options.holdMs },
            measureAnswerTime: true,
          }),
          directory: kamailio.directory,
          localIp: trunkIp(index),
          localPort: await freeUdpPort(),
          remote: kamailio.sipAddress,
          service: '441234567890',
          keys: { user: 'bench', domain: 'trunk.example' },
          calls: callsPerTrunk,
          callRate: options.rate / options.trunks,
          maxConcurrent: options.rate * 20,
          timeoutSeconds,
          traceResponseTimes: true,
        }),
      ),
    );
    // CPU is measured over the offered window (calls started, plus one hold), not a failing run's tail.
    const sippGroups = [carrier.pid, ...callers.map((caller) => caller.pid)];
    const windowSeconds = options.seconds + options.holdMs / 1000;
    type CpuUse = Record<'kamailio' | 'api' | 'redis' | 'sipp' | 'machine', number>;
    let cpuUse: Promise<CpuUse> | undefined;
    const measureCpu = () =>
      (cpuUse ??= (async () => ({
        kamailio: groupCpuSeconds([kamailio.pid]) - cpuBefore.kamailio,
        api: groupCpuSeconds([api.pid]) - cpuBefore.api,
        redis: (await redisCpuSeconds(redis)) - cpuBefore.redis,
        sipp: groupCpuSeconds(sippGroups),
        machine: machineCpuSeconds() - cpuBefore.machine,
      }))());
    const windowEnd = setTimeout(() => void measureCpu(), windowSeconds * 1000);
    const callerResults = await Promise.all(callers.map((caller) => caller.result));
    const carrierResult = await carrier.result;
    clearTimeout(windowEnd);
    const wall = (performance.now() - started) / 1000;
    const cpuSeconds = Math.min(wall, windowSeconds);
    const cpu = await measureCpu();

    // Every call's end must reach the API: the pools have no open call left once the events are posted.
    started = performance.now();
    const pools = new CreditPools(redis);
    const openCalls = async () => {
      const snapshots = await Promise.all(accountIds.map((id) => pools.pool(id)));
      return snapshots.reduce((sum, pool) => sum + (pool?.calls ?? 0), 0);
    };
    let open = await openCalls();
    while (open > 0 && performance.now() - started < 30_000) {
      await sleep(200);
      open = await openCalls();
    }
    const drainedAfter = seconds(started);
    redis.disconnect();
    const billed = await storedCalls(databaseUrl(database), accountIds, successfulCalls(callerResults));
    const dialogs = await kamailio.client.activeDialogStats();
    const retryQueue = await kamailio.client.call('mqueue.get_size', ['rating_retry']);
    const kamailioLog = kamailio.output().split('\n');
    const kamailioErrors = kamailioLog.filter((line) => / (ERROR|CRITICAL): /.test(line));
    const refusals = new Map<string, number>();
    for (const line of kamailioLog) {
      const refusal = / refused: (.*)$/.exec(line)?.[1];
      if (refusal) refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
    }

    const successful = successfulCalls(callerResults);
    const failed = callerResults.reduce((sum, result) => sum + result.failed, 0);
    const times = callerResults.flatMap((result) => result.responseTimesMs).sort((a, b) => a - b);
    const cores = (used: number) => (used / cpuSeconds).toFixed(2);
    console.log(`
offered                   ${calls} calls by ${options.trunks} trunks at ${options.rate} new calls/s (target ≥ ${TARGET_RATE}, 0 failed); the last one ended after ${wall.toFixed(1)} s
successful / failed       ${successful} / ${failed} (callers), ${carrierResult.successful} / ${carrierResult.failed} (carrier)
INVITE → 200 OK           p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms, p99 ${percentile(times, 99)} ms, max ${times.at(-1)} ms (${times.length} calls measured)
rating events             open calls on the pools after the run: ${open} (drained in ${drainedAfter})
CDRs and ledger           ${billed.cdrs} CDRs stored (${billed.after}), call charges posted per account: ${billed.charged.join(' + ')} EUR
Kamailio after            dialogs ${JSON.stringify(dialogs)}, retry queue ${JSON.stringify(retryQueue)}, ${kamailioErrors.length} error lines
refused by the API        ${refusals.size === 0 ? 'none' : [...refusals].map(([reply, count]) => `${count} × ${reply}`).join(', ')}
CPU (cores, first ${cpuSeconds.toFixed(0)} s) Kamailio ${cores(cpu.kamailio)}, API ${cores(cpu.api)}, Redis ${cores(cpu.redis)}, SIPp ${cores(cpu.sipp)}, whole machine ${cores(cpu.machine)} of ${cpus.length}`);
    if (kamailioErrors.length > 0)
      console.log(`first Kamailio errors:\n${kamailioErrors.slice(0, 5).join('\n')}`);
    const failing = callerResults.find((result) => result.failed > 0);
    if (failing) console.log(`a SIPp caller's last screen:\n${failing.output.slice(-3000)}`);
    const passed = failed === 0 && successful === calls && open === 0 && billed.cdrs === calls;
    console.log(passed ? '\nPASS: every call completed and was settled' : '\nFAIL: see above');
    process.exitCode = passed ? 0 : 1;
  } finally {
    for (const stop of stops.reverse()) await stop();
    if (options.keepDb) console.log(`database kept: ${database}`);
    else await administer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
