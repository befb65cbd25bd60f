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
//     --batch=N         CDR_BATCH_SIZE of the worker, default its own (500)
//     --prefixes=N      prefixes per deck, default 1000000
//   WORKER_CPU_PROF=DIR in the environment writes the worker's CPU profile (node --cpu-prof) there.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { CDR_JOB_OPTIONS, CDR_QUEUE, cdrJobId, type CdrJob } from '../packages/cdr/dist/index';
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

/** user + system CPU seconds of a process, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
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

async function add(queue: Queue, jobs: CdrJob[]): Promise<void> {
  for (let start = 0; start < jobs.length; start += 5_000)
    await queue.addBulk(
      jobs.slice(start, start + 5_000).map((data) => ({
        name: 'cdr',
        data,
        opts: { ...CDR_JOB_OPTIONS, jobId: cdrJobId(data.callId, data.leg) },
      })),
    );
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

async function main(): Promise<void> {
  const cdrs = option('cdrs', 100_000)!;
  const batch = option('batch', undefined);
  const prefixes = option('prefixes', 1_000_000)!;
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl || !process.env.DATABASE_URL) throw new Error('DATABASE_URL and REDIS_URL must be set');
  const database = await createTestDatabase();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const prefix = `bench-${randomUUID()}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(CDR_QUEUE, { connection: redis, prefix });
  let worker: ChildProcess | undefined;
  try {
    let started = Date.now();
    const fixture = await setUp(db, prefixes);
    console.log(
      `set-up: 4 decks of ${prefixes} prefixes, ${ACCOUNTS} accounts in ${(Date.now() - started) / 1000} s`,
    );
    const port = await freePort();
    worker = spawn(
      process.execPath,
      [
        ...(process.env.WORKER_CPU_PROF
          ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.WORKER_CPU_PROF]
          : []),
        path.join(ROOT, 'apps', 'cdr-worker', 'dist', 'main.js'),
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: prefix,
          CDR_WORKER_PROBE_PORT: String(port),
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          ...(batch === undefined ? {} : { CDR_BATCH_SIZE: String(batch) }),
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    started = Date.now();
    await add(
      queue,
      Array.from({ length: WARM_UP }, (_, index) => job(fixture, index, prefixes)),
    );
    await waitForCdrs(db, WARM_UP, 600_000);
    console.log(
      `warm-up: ${WARM_UP} CDRs (the worker compiles the 4 decks) in ${(Date.now() - started) / 1000} s`,
    );

    const jobs = Array.from({ length: cdrs }, (_, index) => job(fixture, WARM_UP + index, prefixes));
    await queue.pause();
    await add(queue, jobs);
    const cpuBefore = cpuSeconds(worker.pid!);
    started = performance.now();
    await queue.resume();
    await waitForCdrs(db, WARM_UP + cdrs, 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(worker.pid!) - cpuBefore;

    const checks = (
      await db.query(`
        SELECT (SELECT count(*) FROM cdrs)::int AS cdrs,
               (SELECT count(*) FROM cdrs WHERE rating_status = 'rated')::int AS rated,
               (SELECT count(*) FROM ledger_entries WHERE kind = 'call_charge')::int AS charges,
               (SELECT count(*) FROM balances b WHERE b.amount <> (
                  SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e
                   WHERE e.account_id IS NOT DISTINCT FROM b.account_id
                     AND e.reseller_tenant_id IS NOT DISTINCT FROM b.reseller_tenant_id))::int AS off`)
    ).rows[0] as { cdrs: number; rated: number; charges: number; off: number };
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const figure = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const batches = figure('tollgate_cdr_batch_seconds_count');
    const batchSeconds = figure('tollgate_cdr_batch_seconds_sum');
    const perSecond = cdrs / seconds;
    console.log(`\nCDRs measured            ${cdrs}`);
    console.log(`wall time                ${seconds.toFixed(2)} s`);
    console.log(`CDRs rated and stored/s  ${Math.round(perSecond)}  (target ≥ ${TARGET_PER_SECOND})`);
    console.log(
      `batches                  ${batches} (warm-up included), ${((WARM_UP + cdrs) / batches).toFixed(0)} CDRs and ${(
        (1000 * batchSeconds) /
        batches
      ).toFixed(1)} ms each on average`,
    );
    console.log(`worker CPU               ${cpu.toFixed(1)} s (${(cpu / seconds).toFixed(2)} cores)`);
    console.log(
      `checks                   ${checks.cdrs} CDRs, ${checks.rated} rated, ${checks.charges} charges (expected ${
        4 * (WARM_UP + cdrs)
      }), ${checks.off} balances off their ledger`,
    );
  } finally {
    worker?.kill('SIGTERM');
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
