// CDR rerating benchmark (issue 8): the time to rerate 1,000,000 CDRs after a rate correction, by the
// built cdr-worker (apps/cdr-worker/dist/main.js, its own process) from the `cdr-reratings` queue.
//
// Set-up (SQL, in a database of its own cloned from the migrated template at DATABASE_URL): an owner, a
// reseller R1 with 1,000 postpaid accounts, three rate cards of `--prefixes` prefixes each (the accounts'
// retail card at 60/60, R1's buy card and the vendor's per second), and N CDRs over three weeks of one
// month written straight into `cdrs` by one INSERT … SELECT, each priced at its three levels as cdr-worker
// would have, with its two ledger charges (customer and R1) and the balances they add up to.
//
// Measured: a correction of every rate of one card (`--correct=customer`: the retail card, so every CDR gets
// one ledger adjustment and its credit pool entry; `--correct=vendor`: the vendor's card, so every CDR's
// vendor cost and levels change and nothing is posted), then one rerating of the whole month (owner scope)
// queued as the API queues it; the clock runs from the add to the rerating's row saying completed. Then the
// same rerating again, which must change nothing. Figures: rows/s, worker CPU (/proc), checks that each CDR
// got exactly the expected entries and every balance equals the sum of its ledger.
//
// Run from the repository root, after `node_modules/.bin/tsc -b`, with DATABASE_URL naming a migrated
// database used as template and REDIS_URL a Redis:
//   DATABASE_URL=postgres://… REDIS_URL=redis://… node_modules/.bin/tsx bench/cdr-rerate.bench.ts [options]
//     --cdrs=N            CDRs in the month, default 1000000
//     --prefixes=N        prefixes per card, default 50000 (a retail deck)
//     --batch=N           CDR_RERATE_BATCH_SIZE of the worker, default its own (2000)
//     --correct=WHICH     customer (default) or vendor
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { CDR_RERATING_JOB_OPTIONS, CDR_RERATING_QUEUE, cdrReratingJobId } from '../packages/cdr/dist/index';
import { createTestDatabase } from '../packages/db/dist/testing/index';

const ROOT = path.resolve(__dirname, '..');
const ACCOUNTS = 1_000;
const MONTH = '2026-11-01T00:00:00Z';
const NEXT_MONTH = '2026-12-01T00:00:00Z';

function option(name: string, fallback: string): string {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

function count(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

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
  owner: string;
  cards: { retail: string; r1Buy: string; vendor: string };
}

async function setUp(db: Client, cdrs: number, prefixes: number): Promise<Fixture> {
  const owner = randomUUID();
  const r1 = randomUUID();
  const ownerPath = `/${owner}/`;
  const r1Path = `${ownerPath}${r1}/`;
  await db.query(`INSERT INTO tenants (id, kind, path, name) VALUES ($1, 'owner', $2, 'Bench owner')`, [
    owner,
    ownerPath,
  ]);
  await db.query(
    `INSERT INTO tenants (id, kind, parent_id, path, name) VALUES ($1, 'reseller', $2, $3, 'R1')`,
    [r1, owner, r1Path],
  );
  // Price of prefix index p: base + (p mod 97) / 10,000, four decimals, as the SQL below prices the CDRs.
  const card = async (tenantId: string, name: string, kind: 'sell' | 'buy', base: string, pulse: number) => {
    const [{ id }] = (
      await db.query(
        `INSERT INTO rate_cards (tenant_id, name, kind, currency) VALUES ($1, $2, $3, 'EUR') RETURNING id`,
        [tenantId, name, kind],
      )
    ).rows as [{ id: string }];
    await db.query(
      `INSERT INTO rates (tenant_id, rate_card_id, prefix, destination, price_per_minute, first_interval,
                          next_interval, rounding_mode, rounding_decimals, effective_from)
       SELECT $1, $2, (1000000 + g)::text, 'Zone ' || (g % 200), $3::numeric + (g % 97) * 0.0001, $4, $4,
              'half_up', 4, '2020-01-01T00:00:00Z'
         FROM generate_series(0, $5 - 1) g`,
      [tenantId, id, base, pulse, prefixes],
    );
    return id;
  };
  const r1Buy = await card(owner, 'R1 buys', 'sell', '0.030', 1);
  const vendorCard = await card(owner, 'Carrier buys', 'buy', '0.010', 1);
  const retail = await card(r1, 'Retail', 'sell', '0.060', 60);
  await db.query(`INSERT INTO tenant_settings (tenant_id, default_currency) VALUES ($1, 'EUR')`, [owner]);
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, default_currency, buy_rate_card_id) VALUES ($1, 'EUR', $2)`,
    [r1, r1Buy],
  );
  const [{ id: vendor }] = (
    await db.query(
      `INSERT INTO vendors (tenant_id, name, currency, buy_rate_card_id) VALUES ($1, 'Carrier', 'EUR', $2) RETURNING id`,
      [owner, vendorCard],
    )
  ).rows as [{ id: string }];
  const [{ id: trunk }] = (
    await db.query(
      `INSERT INTO vendor_trunks (tenant_id, vendor_id, name, host) VALUES ($1, $2, 'gw', '198.51.100.1') RETURNING id`,
      [owner, vendor],
    )
  ).rows as [{ id: string }];
  const [{ id: plan }] = (
    await db.query(
      `INSERT INTO service_plans (tenant_id, name, sell_rate_card_id, currency) VALUES ($1, 'Retail', $2, 'EUR') RETURNING id`,
      [r1, retail],
    )
  ).rows as [{ id: string }];
  await db.query(
    `INSERT INTO accounts (tenant_id, code, name, billing_type, currency, service_plan_id)
     SELECT $1, 'B-' || g, 'Bench ' || g, 'postpaid', 'EUR', $2 FROM generate_series(1, $3) g`,
    [r1, plan, ACCOUNTS],
  );
  await db.query(`SELECT tollgate_ensure_cdr_partition($1::date)`, [MONTH.slice(0, 10)]);
  // One call every two seconds from the 2nd of the month on; 10 s to 5 min long; destinations spread over
  // the deck. Priced as rateCallLevels prices them: retail in started minutes, R1 and vendor per second.
  await db.query(
    `WITH account AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM accounts WHERE tenant_id = $1::uuid),
     call AS (
       SELECT g, (g::bigint * 7919) % $5 AS p, 10 + g % 290 AS d,
              '2026-11-02T00:00:00Z'::timestamptz + g * interval '2 s' AS at
         FROM generate_series(0, $4 - 1) g),
     priced AS (
       SELECT call.*, account.id AS account_id, (1000000 + p)::text || lpad((g % 100000)::text, 5, '0') AS destination,
              ceil(d / 60.0) * 60 AS billed,
              ceil(d / 60.0) * (0.060 + (p % 97) * 0.0001) AS customer,
              round((0.030 + (p % 97) * 0.0001) * d / 60, 4) AS reseller,
              round((0.010 + (p % 97) * 0.0001) * d / 60, 4) AS vendor
         FROM call JOIN account ON account.n = call.g % ${ACCOUNTS})
     INSERT INTO cdrs (start_month, call_id, leg, source, tenant_id, account_id, direction, caller, destination,
                       started_at, answered_at, ended_at, duration_seconds, billed_seconds, disposition, sip_code,
                       vendor_id, vendor_trunk_id, currency, price, vendor_cost, vendor_currency, rating_status, levels)
     SELECT '2026-11-01', 'bench-' || g || '@pbx', 'a', 'rest', $1::uuid, account_id, 'outbound', '4930123456', destination,
            at, at + interval '3 s', at + interval '3 s' + d * interval '1 s', d, billed, 'answered', 200,
            $6::uuid, $7::uuid, 'EUR', customer, vendor, 'EUR', 'rated',
            jsonb_build_array(
              jsonb_build_object('kind', 'customer', 'partyId', account_id, 'tenantPath', NULL,
                'price', customer::text, 'currency', 'EUR', 'billedSeconds', billed, 'rate', NULL, 'margin', NULL, 'problem', NULL),
              jsonb_build_object('kind', 'reseller', 'partyId', $1::text, 'tenantPath', $2::text,
                'price', reseller::text, 'currency', 'EUR', 'billedSeconds', d, 'rate', NULL,
                'margin', (customer - reseller)::text, 'problem', NULL),
              jsonb_build_object('kind', 'vendor', 'partyId', $6::text, 'tenantPath', $3::text,
                'price', vendor::text, 'currency', 'EUR', 'billedSeconds', d, 'rate', NULL,
                'margin', (reseller - vendor)::text, 'problem', NULL))
       FROM priced`,
    [r1, r1Path, ownerPath, cdrs, prefixes, vendor, trunk],
  );
  // Their first charges, as cdr-worker posts them, and the balances they add up to.
  await db.query(
    `INSERT INTO ledger_entries (tenant_id, account_id, reseller_tenant_id, kind, amount, currency, idempotency_key, reference)
     SELECT $1::uuid, c.account_id, NULL, 'call_charge'::ledger_entry_kind, -c.price, 'EUR', 'cdr:a:customer:' || c.account_id || ':' || c.call_id, c.call_id
       FROM cdrs c
     UNION ALL
     SELECT $2::uuid, NULL, $1::uuid, 'call_charge', -(c.levels -> 1 ->> 'price')::numeric, 'EUR',
            'cdr:a:reseller:' || $1::text || ':' || c.call_id, c.call_id
       FROM cdrs c`,
    [r1, owner],
  );
  await db.query(
    `INSERT INTO balances (tenant_id, account_id, reseller_tenant_id, currency, amount)
     SELECT min(tenant_id::text)::uuid, account_id, reseller_tenant_id, 'EUR', sum(amount)
       FROM ledger_entries GROUP BY account_id, reseller_tenant_id`,
  );
  await db.query('VACUUM ANALYZE');
  return { owner, cards: { retail, r1Buy, vendor: vendorCard } };
}

interface ReratingRow {
  status: string;
  cdrs_total: number | null;
  cdrs_processed: number;
  cdrs_changed: number;
  entries_posted: number;
  error_count: number;
  percent: number;
  failure: string | null;
}

async function rerate(
  db: Client,
  queue: Queue,
  owner: string,
): Promise<{ seconds: number; row: ReratingRow }> {
  const [{ id }] = (
    await db.query(
      `INSERT INTO cdr_reratings (tenant_id, mode, from_time, to_time, status, requested_by)
       VALUES ($1, 'all', $2, $3, 'queued', $4) RETURNING id`,
      [
        owner,
        MONTH,
        NEXT_MONTH,
        { kind: 'system', id: null, tenantId: owner, tenantPath: `/${owner}/`, requestId: null },
      ],
    )
  ).rows as [{ id: string }];
  const started = performance.now();
  const job = { kind: 'rerating' as const, reratingId: id };
  await queue.add('rerating', job, { ...CDR_RERATING_JOB_OPTIONS, jobId: cdrReratingJobId(job) });
  let reported = 0;
  for (;;) {
    const row = (await db.query(`SELECT * FROM cdr_reratings WHERE id = $1`, [id])).rows[0] as ReratingRow;
    if (row.status === 'completed' || row.status === 'failed')
      return { seconds: (performance.now() - started) / 1000, row };
    if (performance.now() - reported > 30_000) {
      reported = performance.now();
      console.log(
        `  … ${row.percent}% (${row.cdrs_processed} of ${row.cdrs_total ?? '?'}), ${((performance.now() - started) / 1000).toFixed(0)} s, load ${load()}`,
      );
    }
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const cdrs = count('cdrs', 1_000_000);
  const prefixes = count('prefixes', 50_000);
  const batch = option('batch', '');
  const correct = option('correct', 'customer');
  if (correct !== 'customer' && correct !== 'vendor') throw new Error('--correct must be customer or vendor');
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl || !process.env.DATABASE_URL) throw new Error('DATABASE_URL and REDIS_URL must be set');
  const database = await createTestDatabase();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const prefix = `bench-${randomUUID()}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(CDR_RERATING_QUEUE, { connection: redis, prefix });
  let worker: ChildProcess | undefined;
  try {
    const started = Date.now();
    const fixture = await setUp(db, cdrs, prefixes);
    console.log(
      `set-up: 3 cards of ${prefixes} prefixes, ${cdrs} CDRs and their charges in ${(Date.now() - started) / 1000} s`,
    );
    const port = await freePort();
    worker = spawn(process.execPath, [path.join(ROOT, 'apps', 'cdr-worker', 'dist', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        CDR_WORKER_PROBE_PORT: String(port),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        ...(batch === '' ? {} : { CDR_RERATE_BATCH_SIZE: batch }),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; i < 600 && !(await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok; i++)
      await sleep(100);
    // The correction: every rate of one card up by 0.001 a minute.
    await db.query(`UPDATE rates SET price_per_minute = price_per_minute + 0.001 WHERE rate_card_id = $1`, [
      correct === 'customer' ? fixture.cards.retail : fixture.cards.vendor,
    ]);
    console.log(`correction of the ${correct} card; load average before: ${load()}`);
    const cpuBefore = cpuSeconds(worker.pid!);
    const first = await rerate(db, queue, fixture.owner);
    const cpu = cpuSeconds(worker.pid!) - cpuBefore;
    const loadAfter = load();
    const cpuAgain = cpuSeconds(worker.pid!);
    const again = await rerate(db, queue, fixture.owner);
    const cpuSecond = cpuSeconds(worker.pid!) - cpuAgain;
    const checks = (
      await db.query(`
        SELECT (SELECT count(*) FROM ledger_entries WHERE kind = 'adjustment')::int AS adjustments,
               (SELECT count(*) FROM cdrs WHERE rating_revision = 1)::int AS revised,
               (SELECT count(*) FROM balances b WHERE b.amount <> (
                  SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e
                   WHERE e.account_id IS NOT DISTINCT FROM b.account_id
                     AND e.reseller_tenant_id IS NOT DISTINCT FROM b.reseller_tenant_id))::int AS off`)
    ).rows[0] as { adjustments: number; revised: number; off: number };
    const expected = correct === 'customer' ? cdrs : 0;
    console.log(
      `\nCDRs rerated             ${first.row.cdrs_processed} (${first.row.status}${first.row.failure ? `: ${first.row.failure}` : ''})`,
    );
    console.log(`time to rerate           ${first.seconds.toFixed(1)} s`);
    console.log(`rows/s                   ${Math.round(first.row.cdrs_processed / first.seconds)}`);
    console.log(
      `CDRs changed             ${first.row.cdrs_changed}, entries posted ${first.row.entries_posted} (expected ${expected})`,
    );
    console.log(`worker CPU               ${cpu.toFixed(1)} s (${(cpu / first.seconds).toFixed(2)} cores)`);
    console.log(`load average after       ${loadAfter}`);
    console.log(
      `second run               ${again.seconds.toFixed(1)} s, ${Math.round(again.row.cdrs_processed / again.seconds)} rows/s, ` +
        `${again.row.cdrs_changed} changed, ${again.row.entries_posted} posted, worker CPU ${cpuSecond.toFixed(1)} s`,
    );
    console.log(
      `checks                   ${checks.adjustments} adjustments (expected ${expected}), ${checks.revised} CDRs at revision 1, ${checks.off} balances off their ledger`,
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
