// CDR pipeline benchmark (issue 8): CDRs rated and stored per second, end to end from the BullMQ `cdrs`
// queue, by the built cdr-worker (apps/cdr-worker/dist/main.js, its own process, default settings unless
// given), on a 1M-prefix deck at every priced level and 3 reseller levels.
//
// Set-up (SQL, in a database of its own cloned from the migrated template at DATABASE_URL): an owner, three
// resellers under one another (R1 → R2 → R3), 1,000 prepaid accounts of R3, and four rate cards of
// 1,000,000 prefixes each (7-digit prefixes 1000000–1999999, per-second and 30/6 pulses): R1's, R2's and R3's
// buy cards and the vendor's. Each CDR carries the rate snapshot authorize matched (as `end` hands it over),
// so each is rated at five levels: the customer (its snapshot), the three resellers and the vendor (lookups
// in the 1M decks), and posts four ledger charges (customer + 3 resellers) and a credit pool settlement.
//
// Measured: the worker first rates and stores a warm-up of 2,000 CDRs (it compiles the four decks then);
// then the queue is paused, N jobs are added, the queue resumed, and the time runs until PostgreSQL holds
// all N CDRs. Figures: CDRs per second, worker CPU (user+sys over the window, /proc), checks that every CDR
// has its 4 charges and every balance equals the sum of its ledger.
//
// Run from the repository root, after `node_modules/.bin/tsc -b` (the worker and packages from dist/), with
// DATABASE_URL naming a migrated database used as template and REDIS_URL a Redis:
//   DATABASE_URL=postgres://… REDIS_URL=redis://… node_modules/.bin/tsx bench/cdr-pipeline.bench.ts [options]
//     --cdrs=N          CDRs measured, default 100000
//     --batch=N         CDR_BATCH_SIZE of the worker, default its own (1000)
//     --per-job=N       CDRs per queue job, default MAX_CDRS_PER_JOB (500) as the bulk producers queue
//                       them; 1 queues one job per CDR (the single-CDR jobs of before)
//     --writers=N       CDR_WRITE_CONCURRENCY of the worker (batches written at once), default its own (2)
//     --workers=N       cdr-worker processes on the queue, default 1
//     --prefixes=N      prefixes per deck, default 1000000
//   WORKER_CPU_PROF=DIR in the environment writes the worker's CPU profile (node --cpu-prof) there.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { CDR_QUEUE, cdrQueueEntries, MAX_CDRS_PER_JOB, type CdrJob } from '../packages/cdr/dist/index';
import { createTestDatabase } from '../packages/db/dist/testing/index';

const ROOT = path.resolve(__dirname, '..');
const TARGET_PER_SECOND = 20_000;
const ACCOUNTS = 1_000;
const WARM_UP = 2_000;
const START = Date.parse('2026-11-23T12:00:00Z');

function option(name: string, fallback: number | undefined): number | undefined {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** user + system CPU seconds of a process, from /proc; with its waited-for children's when asked. */
function cpuSeconds(pid: number, { children = false } = {}): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / 100;
}

interface Fixture {
  accounts: string[];
  vendorTrunk: string;
  resellers: string[];
}

async function setUp(db: Client, prefixes: number): Promise<Fixture> {
  const owner = randomUUID();
  const resellers = [randomUUID(), randomUUID(), randomUUID()];
  let path_ = `/${owner}/`;
  await db.query(`INSERT INTO tenants (id, kind, path, name) VALUES ($1, 'owner', $2, 'Bench owner')`, [
    owner,
    path_,
  ]);
  let parent = owner;
  for (const [index, id] of resellers.entries()) {
    path_ = `${path_}${id}/`;
    await db.query(
      `INSERT INTO tenants (id, kind, parent_id, path, name) VALUES ($1, 'reseller', $2, $3, $4)`,
      [id, parent, path_, `R${index + 1}`],
    );
    parent = id;
  }
  const card = async (tenantId: string, name: string, kind: 'sell' | 'buy', price: string, pulse: number) => {
    const [{ id }] = (
      await db.query(
        `INSERT INTO rate_cards (tenant_id, name, kind, currency) VALUES ($1, $2, $3, 'EUR') RETURNING id`,
        [tenantId, name, kind],
      )
    ).rows as [{ id: string }];
    await db.query(
      `INSERT INTO rates (tenant_id, rate_card_id, prefix, destination, price_per_minute, first_interval,
                          next_interval, rounding_mode, rounding_decimals, effective_from)
       SELECT $1, $2, (1000000 + g)::text, 'Zone ' || (g % 200), $3::numeric + (g % 97) * 0.0001, $4, $5,
              'half_up', 4, '2020-01-01T00:00:00Z'
         FROM generate_series(0, $6 - 1) g`,
      [tenantId, id, price, pulse, pulse === 1 ? 1 : 6, prefixes],
    );
    return id;
  };
  // Each tenant sells on at the card its parent assigned: the owner's card prices R1, R1's R2, R2's R3.
  const buyCards = [
    await card(owner, 'R1 buys', 'sell', '0.030', 1),
    await card(resellers[0]!, 'R2 buys', 'sell', '0.040', 30),
    await card(resellers[1]!, 'R3 buys', 'sell', '0.050', 1),
  ];
  for (const [index, id] of resellers.entries())
    await db.query(
      `INSERT INTO tenant_settings (tenant_id, default_currency, buy_rate_card_id) VALUES ($1, 'EUR', $2)`,
      [id, buyCards[index]],
    );
  await db.query(`INSERT INTO tenant_settings (tenant_id, default_currency) VALUES ($1, 'EUR')`, [owner]);
  const vendorCard = await card(owner, 'Carrier buys', 'buy', '0.010', 1);
  const [{ id: vendor }] = (
    await db.query(
      `INSERT INTO vendors (tenant_id, name, currency, buy_rate_card_id) VALUES ($1, 'Carrier', 'EUR', $2) RETURNING id`,
      [owner, vendorCard],
    )
  ).rows as [{ id: string }];
  const [{ id: vendorTrunk }] = (
    await db.query(
      `INSERT INTO vendor_trunks (tenant_id, vendor_id, name, host) VALUES ($1, $2, 'gw', '198.51.100.1') RETURNING id`,
      [owner, vendor],
    )
  ).rows as [{ id: string }];
  const r3 = resellers[2]!;
  const sellCard = (
    await db.query(
      `INSERT INTO rate_cards (tenant_id, name, kind, currency) VALUES ($1, 'Retail', 'sell', 'EUR') RETURNING id`,
      [r3],
    )
  ).rows[0] as { id: string };
  const [{ id: plan }] = (
    await db.query(
      `INSERT INTO service_plans (tenant_id, name, sell_rate_card_id, currency) VALUES ($1, 'Retail', $2, 'EUR') RETURNING id`,
      [r3, sellCard.id],
    )
  ).rows as [{ id: string }];
  const accounts = (
    await db.query(
      `INSERT INTO accounts (tenant_id, code, name, billing_type, currency, service_plan_id)
       SELECT $1, 'B-' || g, 'Bench ' || g, 'prepaid', 'EUR', $2 FROM generate_series(1, $3) g RETURNING id`,
      [r3, plan, ACCOUNTS],
    )
  ).rows.map((row: { id: string }) => row.id);
  await db.query('ANALYZE');
  return { accounts, vendorTrunk, resellers };
}

function job(fixture: Fixture, index: number, prefixes: number): CdrJob {
  const startedAt = START + index * 7;
  const duration = 10 + (index % 290);
  return {
    source: 'rating-api',
    callId: `bench-${index}-${randomUUID()}@pbx`,
    leg: 'a',
    accountId: fixture.accounts[index % fixture.accounts.length]!,
    lineId: null,
    trunkServiceId: null,
    didId: null,
    direction: 'outbound',
    caller: '4930123456',
    destination: `${1000000 + ((index * 7919) % prefixes)}${String(index % 100000).padStart(5, '0')}`,
    dialled: null,
    startedAt: new Date(startedAt).toISOString(),
    answeredAt: new Date(startedAt + 3000).toISOString(),
    endedAt: new Date(startedAt + 3000 + duration * 1000).toISOString(),
    durationSeconds: duration,
    disposition: 'answered',
    sipCode: 200,
    endCause: null,
    vendorId: null,
    vendorTrunkId: fixture.vendorTrunk,
    rate: {
      prefix: '1',
      destination: 'Bench',
      currency: 'EUR',
      pricePerMinute: '0.06',
      connectFee: '0',
      minCharge: '0',
      firstInterval: 60,
      nextInterval: 60,
      freeSeconds: 0,
      noChargeBelow: 0,
      rounding: { mode: 'half-up', decimals: 4 },
    },
    liveCharged: centsText(Math.ceil(duration / 60) * 6),
  };
}

/** 0.06 per started minute, as the live pool charged it; integer cents to text, no float. */
function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

async function add(queue: Queue, jobs: CdrJob[], perJob: number): Promise<void> {
  const step = Math.max(5_000, perJob * 10);
  for (let start = 0; start < jobs.length; start += step)
    await queue.addBulk(cdrQueueEntries(jobs.slice(start, start + step), perJob));
}

async function waitForCdrs(db: Client, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM cdrs');
    if ((rows[0] as { n: number }).n >= count) return;
    if (Date.now() > deadline)
      throw new Error(`only ${(rows[0] as { n: number }).n} of ${count} CDRs stored`);
    await sleep(100);
  }
}

/** user + system CPU seconds of a server and its children (PostgreSQL's backends), by the port it listens on. */
function serverCpuSeconds(name: 'postgres' | 'redis-server', port: number): number {
  const processes = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        return [{ pid: Number(pid), ppid: Number(stat.split(') ')[1]!.split(' ')[1]), cmdline }];
      } catch {
        return [];
      }
    });
  const matches = processes.filter(
    (process_) =>
      process_.cmdline.includes(name) &&
      (process_.cmdline.includes(`-p ${port}`) || process_.cmdline.includes(`:${port}`)),
  );
  // The server itself, not a `runuser` that started it: the match with no matching child.
  const server = matches.find((candidate) => !matches.some((other) => other.ppid === candidate.pid));
  if (!server) return NaN;
  // The server's own time and its exited children's (a backend or autovacuum worker that ended during
  // the window), plus its live children's.
  return processes
    .filter((process_) => process_.ppid === server.pid)
    .reduce(
      (sum, process_) => {
        try {
          return sum + cpuSeconds(process_.pid);
        } catch {
          return sum;
        }
      },
      cpuSeconds(server.pid, { children: true }),
    );
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

interface Worker {
  process: ChildProcess;
  port: number;
}

function startWorker(databaseUrl: string, redisUrl: string, prefix: string, port: number): ChildProcess {
  const batch = option('batch', undefined);
  const writers = option('writers', undefined);
  return spawn(
    process.execPath,
    [
      ...(process.env.WORKER_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.WORKER_CPU_PROF] : []),
      path.join(ROOT, 'apps', 'cdr-worker', 'dist', 'main.js'),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        CDR_WORKER_PROBE_PORT: String(port),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...(batch === undefined ? {} : { CDR_BATCH_SIZE: String(batch) }),
        ...(writers === undefined ? {} : { CDR_WRITE_CONCURRENCY: String(writers) }),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

async function metricsOf(worker: Worker): Promise<(name: string) => number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const text = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
      return (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    } catch (error) {
      if (attempt > 100) throw error;
      await sleep(200);
    }
  }
}

async function main(): Promise<void> {
  const cdrs = option('cdrs', 100_000)!;
  const prefixes = option('prefixes', 1_000_000)!;
  const workerCount = option('workers', 1)!;
  const perJobList = (
    process.argv.find((arg) => arg.startsWith('--per-job='))?.slice(10) ?? String(MAX_CDRS_PER_JOB)
  )
    .split(',')
    .map(Number);
  if (perJobList.some((value) => !Number.isInteger(value) || value < 1 || value > MAX_CDRS_PER_JOB))
    throw new Error(`--per-job must list integers from 1 to ${MAX_CDRS_PER_JOB}`);
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl || !process.env.DATABASE_URL) throw new Error('DATABASE_URL and REDIS_URL must be set');
  const postgresPort = Number(new URL(process.env.DATABASE_URL).port || 5432);
  const redisPort = Number(new URL(redisUrl).port || 6379);
  const database = await createTestDatabase();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const prefix = `bench-${randomUUID()}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(CDR_QUEUE, { connection: redis, prefix });
  const workers: Worker[] = [];
  try {
    console.log(`load average at start: ${loadAverage()} (${os.cpus().length} CPUs)`);
    let started = Date.now();
    const fixture = await setUp(db, prefixes);
    console.log(
      `set-up: 4 decks of ${prefixes} prefixes, ${ACCOUNTS} accounts in ${(Date.now() - started) / 1000} s`,
    );
    for (let index = 0; index < workerCount; index++) {
      const port = await freePort();
      workers.push({ process: startWorker(database.url, redisUrl, prefix, port), port });
    }
    // Every worker compiles the 4 decks on its first batch: warm each up before the clock runs.
    started = Date.now();
    let stored = 0;
    for (;;) {
      const counts = await Promise.all(
        workers.map(async (worker) => (await metricsOf(worker))('tollgate_cdr_batch_seconds_count')),
      );
      if (stored >= WARM_UP && counts.every((count) => count > 0)) break;
      const chunk = Array.from({ length: 50 }, (_, index) => job(fixture, stored + index, prefixes));
      await add(queue, chunk, 1);
      stored += chunk.length;
      await waitForCdrs(db, stored, 600_000);
    }
    console.log(
      `warm-up: ${stored} CDRs (each of ${workerCount} worker(s) compiles the 4 decks) in ${(Date.now() - started) / 1000} s`,
    );

    for (const perJob of perJobList) {
      const jobs = Array.from({ length: cdrs }, (_, index) => job(fixture, stored + index, prefixes));
      await queue.pause();
      await add(queue, jobs, perJob);
      const metricsBefore = await Promise.all(workers.map(metricsOf));
      const cpuBefore = workers.reduce((sum, worker) => sum + cpuSeconds(worker.process.pid!), 0);
      const postgresBefore = serverCpuSeconds('postgres', postgresPort);
      const redisBefore = serverCpuSeconds('redis-server', redisPort);
      const loadBefore = loadAverage();
      started = performance.now();
      await queue.resume();
      await waitForCdrs(db, stored + cdrs, 3_600_000);
      const seconds = (performance.now() - started) / 1000;
      stored += cdrs;
      const cpu = workers.reduce((sum, worker) => sum + cpuSeconds(worker.process.pid!), 0) - cpuBefore;
      const postgresCpu = serverCpuSeconds('postgres', postgresPort) - postgresBefore;
      const redisCpu = serverCpuSeconds('redis-server', redisPort) - redisBefore;
      const metricsAfter = await Promise.all(workers.map(metricsOf));
      const delta = (name: string) =>
        metricsAfter.reduce((sum, after, index) => sum + after(name) - metricsBefore[index]!(name), 0);
      const batches = delta('tollgate_cdr_batch_seconds_count');
      const batchSeconds = delta('tollgate_cdr_batch_seconds_sum');
      console.log(`\nCDRs per job             ${perJob} (${Math.ceil(cdrs / perJob)} jobs)`);
      console.log(`CDRs measured            ${cdrs}`);
      console.log(`wall time                ${seconds.toFixed(2)} s`);
      console.log(`CDRs rated and stored/s  ${Math.round(cdrs / seconds)}  (target ≥ ${TARGET_PER_SECOND})`);
      console.log(
        `batches                  ${batches}, ${(cdrs / batches).toFixed(0)} CDRs and ${((1000 * batchSeconds) / batches).toFixed(1)} ms each on average`,
      );
      console.log(
        `cdr-worker CPU           ${cpu.toFixed(1)} s (${(cpu / seconds).toFixed(2)} cores, ${workerCount} process(es))`,
      );
      console.log(
        `PostgreSQL CPU           ${postgresCpu.toFixed(1)} s (${(postgresCpu / seconds).toFixed(2)} cores)`,
      );
      console.log(
        `Redis CPU                ${redisCpu.toFixed(1)} s (${(redisCpu / seconds).toFixed(2)} cores)`,
      );
      console.log(`load average             ${loadBefore} before, ${loadAverage()} after`);
    }
    const checks = (
      await db.query(`
        SELECT (SELECT count(*) FROM cdrs)::int AS cdrs,
               (SELECT count(*) FROM cdrs WHERE rating_status = 'rated')::int AS rated,
               (SELECT count(*) FROM ledger_entries WHERE kind = 'call_charge')::int AS charges,
               (SELECT count(*) FROM balances b
                  LEFT JOIN (SELECT account_id, reseller_tenant_id, sum(amount) AS amount
                               FROM ledger_entries GROUP BY account_id, reseller_tenant_id) e
                         ON coalesce(e.account_id, e.reseller_tenant_id) = coalesce(b.account_id, b.reseller_tenant_id)
                        AND (e.account_id IS NULL) = (b.account_id IS NULL)
                 WHERE b.amount <> coalesce(e.amount, 0))::int AS off`)
    ).rows[0] as { cdrs: number; rated: number; charges: number; off: number };
    console.log(
      `\nchecks                   ${checks.cdrs} CDRs, ${checks.rated} rated, ${checks.charges} charges (expected ${
        4 * stored
      }), ${checks.off} balances off their ledger`,
    );
  } finally {
    for (const worker of workers) worker.process.kill('SIGTERM');
    await sleep(500);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await redis.quit();
    await db.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
