// `authorize` benchmark (issue 6): POST /rating/authorize over real HTTP on loopback, against the API as
// it runs in production (apps/api/dist/main.js: createApiApp, then listen), on a database of its own filled
// with bulk SQL: a 1,000,000-prefix sell deck (plus 50,000 peak rates), 5 vendors with buy cards and
// gateways, a routing plan, 10,000 accounts with 20,000 lines and 200 SIP trunks, each account topped up
// through ledger entries, and 1,000 calls up (authorized and begun through the API). Then: closed-loop load
// (autocannon) and open-loop load at fixed rates; every request a new Call-ID, so a real reservation.
//
// Run from the repository root with DATABASE_URL and REDIS_URL naming servers you may write to (npm
// test's or npm start's: `. /tmp/env.sh` on a workstation set up like CI). The bench creates and drops
// its own database and touches only its own accounts' Redis keys. About 3–4 minutes:
//   node_modules/.bin/tsx bench/authorize.bench.ts [options]
//     --workers=N      API processes (node:cluster, one port), default 1
//     --seconds=N      length of each measured phase, default 15
//     --connections=N  autocannon connections for the closed-loop phase, default 16
//     --rates=A,B      open-loop rates, default half,5000,10000 (`half`: half the closed loop's rate;
//                      a rate above 1.5 times the closed loop's is not run: the API could not follow it)
//     --api-node-options=…  node flags for the API process(es), e.g. --max-semi-space-size=64
//     --keep-db        keep the database (its name is printed); --db=NAME reuses one kept earlier
//     --no-build       do not run `tsc -b apps/api` first
//     --cpu-prof=DIR   profile the API (node --cpu-prof) and print where its CPU time went
//     --no-floor       skip the floor: a bare node:http server, without and with one Redis script
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { Client } from 'pg';
import { CreditPools } from '../packages/credit-pools/src/credit-pools';

const RATES = 1_000_000;
const PEAK_RATES = 50_000;
const ACCOUNTS = 10_000;
const LINES_PER_ACCOUNT = 2;
const TRUNKS = 200;
const DOMAINS = 50;
const BANS = 100;
const CALLS_UP = 1_000;
const TARGET_RATE = 10_000;
const TARGET_P99_MS = 5;
const TOKEN = `bench-${randomBytes(16).toString('hex')}`;
const ROOT = path.resolve(__dirname, '..');
const MAIN_JS = path.join(ROOT, 'apps/api/dist/main.js');
const MIGRATE_JS = path.join(ROOT, 'packages/db/dist/migrate.js');

const options = parseOptions(process.argv.slice(2));

function parseOptions(args: string[]) {
  const value = (name: string): string | undefined =>
    args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const flag = (name: string): boolean => args.includes(`--${name}`);
  return {
    workers: Number(value('workers') ?? 1),
    seconds: Number(value('seconds') ?? 15),
    connections: Number(value('connections') ?? 16),
    /** Open-loop rates; `half` is half the closed loop's rate (a load the API can sustain). */
    rates: (value('rates') ?? 'half,5000,10000').split(',').filter((rate) => rate !== ''),
    apiNodeOptions: value('api-node-options'),
    keepDb: flag('keep-db'),
    db: value('db'),
    build: !flag('no-build'),
    cpuProf: value('cpu-prof'),
    floor: !flag('no-floor'),
  };
}

/** Deterministic PRNG (mulberry32): every run builds the same deck. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['1', 'United States'],
  ['7', 'Russia'],
  ['20', 'Egypt'],
  ['27', 'South Africa'],
  ['30', 'Greece'],
  ['31', 'Netherlands'],
  ['32', 'Belgium'],
  ['33', 'France'],
  ['34', 'Spain'],
  ['36', 'Hungary'],
  ['39', 'Italy'],
  ['40', 'Romania'],
  ['41', 'Switzerland'],
  ['43', 'Austria'],
  ['44', 'United Kingdom'],
  ['45', 'Denmark'],
  ['46', 'Sweden'],
  ['47', 'Norway'],
  ['48', 'Poland'],
  ['49', 'Germany'],
  ['52', 'Mexico'],
  ['55', 'Brazil'],
  ['61', 'Australia'],
  ['62', 'Indonesia'],
  ['63', 'Philippines'],
  ['81', 'Japan'],
  ['82', 'South Korea'],
  ['86', 'China'],
  ['90', 'Turkey'],
  ['91', 'India'],
  ['92', 'Pakistan'],
  ['234', 'Nigeria'],
];

interface Deck {
  prefixes: string[];
  /** Index in COUNTRIES of each prefix's country. */
  countries: Int32Array;
}

/** 1M distinct prefixes of 4 to 10 digits under real country codes (many nest inside others). */
function generateDeck(): Deck {
  const next = random(42);
  const seen = new Set<string>();
  const prefixes: string[] = [];
  const countries = new Int32Array(RATES);
  while (prefixes.length < RATES) {
    const country = Math.floor(next() * COUNTRIES.length);
    let prefix = COUNTRIES[country]![0];
    const length = 4 + Math.floor(next() * 7);
    while (prefix.length < length) prefix += String(Math.floor(next() * 10));
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    countries[prefixes.length] = country;
    prefixes.push(prefix);
  }
  return { prefixes, countries };
}

// ---------------------------------------------------------------------------------------------------
// The database: created, migrated, filled with INSERT … SELECT (generate_series / unnest of arrays).

interface Fixture {
  /** [username, domain, account index] of every line. */
  lines: Array<readonly [string, string, number]>;
  /** A source address inside each SIP trunk's range, by account index. */
  trunkIps: Map<number, string>;
  accountIds: string[];
}

function databaseUrl(name: string): string {
  const url = new URL(requiredEnv('DATABASE_URL'));
  url.pathname = `/${name}`;
  return url.toString();
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (e.g. \`. /tmp/env.sh\`, or the servers npm start runs)`);
  return value;
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<void> {
  await withClient(databaseUrl('postgres'), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  });
  execFileSync(process.execPath, [MIGRATE_JS], {
    env: { ...process.env, DATABASE_URL: databaseUrl(name) },
    stdio: 'ignore',
  });
}

async function dropDatabase(name: string): Promise<void> {
  await withClient(databaseUrl('postgres'), (admin) =>
    admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

const ROUNDING_MODES = `ARRAY['up','half_up','half_even','down']::rounding_mode[]`;

async function fillDatabase(db: Client, deck: Deck): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timings[label] = performance.now() - started;
    return result;
  };
  const id = async (sql: string, params: unknown[]): Promise<string> =>
    ((await db.query(sql, params)).rows[0] as { id: string }).id;

  await db.query('BEGIN');
  const owner = await id(`INSERT INTO tenants (kind, path, name) VALUES ('owner', '/', $1) RETURNING id`, [
    'Bench Telecom',
  ]);
  await db.query(`UPDATE tenants SET path = '/' || id || '/' WHERE id = $1`, [owner]);
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, default_currency, default_timezone, brand_name)
     VALUES ($1, 'USD', 'Europe/London', 'Bench Telecom')`,
    [owner],
  );

  // The sell card: 1M period-less rates, the four pulse conventions and rounding modes, 4–6 decimals,
  // a connect fee on one rate in ten; plus a Mon–Fri 08:00–19:00 peak rate on the first 50,000 prefixes.
  const sellCard = await id(
    `INSERT INTO rate_cards (tenant_id, name, kind, currency, timezone, description)
     VALUES ($1, 'Retail 1M', 'sell', 'USD', 'Europe/London', 'bench deck') RETURNING id`,
    [owner],
  );
  const peak = await id(
    `INSERT INTO rate_periods (tenant_id, rate_card_id, name, position, weekdays, start_time, end_time)
     VALUES ($1, $2, 'peak', 0, '{1,2,3,4,5}', '08:00', '19:00') RETURNING id`,
    [owner, sellCard],
  );
  const names = COUNTRIES.map(([, name]) => name);
  const insertSellRates = (from: number, to: number, period: string | null) =>
    db.query(
      `INSERT INTO rates (tenant_id, rate_card_id, period_id, prefix, destination, price_per_minute,
                          connect_fee, first_interval, next_interval, rounding_mode, rounding_decimals,
                          effective_from)
       SELECT $1, $2, $3, p.prefix,
              ($4::text[])[p.country + 1] || CASE WHEN length(p.prefix) > 7 THEN ' - Mobile' ELSE '' END,
              (0.0200 + ((p.n::bigint * 7919) % 4801) * 0.0001) * CASE WHEN $3::uuid IS NULL THEN 1 ELSE 1.25 END,
              CASE WHEN p.n % 10 = 0 THEN 0.01 ELSE 0 END,
              (ARRAY[60, 60, 30, 1])[p.n % 4 + 1], (ARRAY[60, 1, 6, 1])[p.n % 4 + 1],
              (${ROUNDING_MODES})[(p.n / 4) % 4 + 1], 4 + p.n % 3, '2026-01-01T00:00:00Z'
         FROM (SELECT prefix, country, (n + $7)::int AS n
                 FROM unnest($5::text[], $6::int[]) WITH ORDINALITY AS u(prefix, country, n)) p`,
      [
        owner,
        sellCard,
        period,
        names,
        deck.prefixes.slice(from, to),
        Array.from(deck.countries.subarray(from, to)),
        from,
      ],
    );
  const restoreRates = await withoutIndexes(db, 'rates');
  await timed('sell rates', async () => {
    for (let from = 0; from < RATES; from += 200_000) await insertSellRates(from, from + 200_000, null);
    await insertSellRates(0, PEAK_RATES, peak);
  });

  // Vendors: buy cards of 3,232 prefixes each (every country code, and each with two more digits), the
  // first four cheaper than any sell rate, the fifth dearer on many (kept out by the margin guard).
  const codes = COUNTRIES.map(([code]) => code);
  const vendors: string[] = [];
  await timed('vendors', async () => {
    for (let v = 0; v < 5; v++) {
      const premium = v === 4;
      const buyCard = await id(
        `INSERT INTO rate_cards (tenant_id, name, kind, currency) VALUES ($1, $2, 'buy', 'USD') RETURNING id`,
        [owner, `Carrier ${v + 1} buy`],
      );
      await db.query(
        `INSERT INTO rates (tenant_id, rate_card_id, prefix, destination, price_per_minute, first_interval,
                            next_interval, rounding_mode, rounding_decimals, effective_from)
         SELECT $1, $2, c.code || s.digits, 'Carrier zone ' || c.code,
                CASE WHEN $4 THEN 0.0150 + (abs(hashtext(c.code || s.digits)) % 40) * 0.0050
                     ELSE 0.0040 + $3 * 0.0005 + (abs(hashtext(c.code || s.digits)) % 60) * 0.0001 END,
                60, 60, 'half_up'::rounding_mode, 4, '2026-01-01T00:00:00Z'
           FROM unnest($5::text[]) AS c(code)
          CROSS JOIN (SELECT '' AS digits UNION ALL SELECT lpad(generate_series(0, 99)::text, 2, '0')) s`,
        [owner, buyCard, v, premium, codes],
      );
      const vendor = await id(
        `INSERT INTO vendors (tenant_id, name, currency, buy_rate_card_id, priority, weight, quality_score)
         VALUES ($1, $2, 'USD', $3, $4, $5, $6) RETURNING id`,
        [owner, premium ? 'Premium Routes' : `Carrier ${v + 1}`, buyCard, v, 5 - v, 95 - v * 3],
      );
      for (const g of [0, 1])
        await db.query(
          `INSERT INTO vendor_trunks (tenant_id, vendor_id, name, host, port, transport, add_prefix, timeout_seconds)
           VALUES ($1, $2, $3, $4, 5060, 'udp', $5, $6)`,
          [
            owner,
            vendor,
            `gw${g + 1}`,
            `198.51.100.${10 + v * 2 + g}`,
            ['', '00', '1010', '', '00'][v],
            8 + g * 4,
          ],
        );
      vendors.push(vendor);
    }
  });
  await timed('rates indexes and keys', restoreRates);
  const routing = await id(
    `INSERT INTO routing_plans (tenant_id, name, strategy, margin_guard_percent, allow_loss, max_vendors)
     VALUES ($1, 'Default LCR', 'lcr', 5, false, 3) RETURNING id`,
    [owner],
  );
  await db.query(
    `INSERT INTO routing_plan_vendors (tenant_id, routing_plan_id, prefix, vendor_id)
     SELECT $1, $2, '', unnest($3::uuid[])`,
    [owner, routing, vendors],
  );
  await db.query(
    `INSERT INTO routing_plan_prefixes (tenant_id, routing_plan_id, prefix, strategy, blocked)
     VALUES ($1, $2, '44', 'priority', false), ($1, $2, '49', 'weighted', false),
            ($1, $2, '8823', NULL, true), ($1, $2, '979', NULL, true)`,
    [owner, routing],
  );
  const plans = (
    await db.query(
      `INSERT INTO service_plans (tenant_id, name, sell_rate_card_id, routing_plan_id, recurring_fee,
                                  max_channels, currency)
       VALUES ($1, 'Retail prepaid', $2, $3, 5, 100, 'USD'), ($1, 'Business postpaid', $2, $3, 20, 200, 'USD')
       RETURNING id`,
      [owner, sellCard, routing],
    )
  ).rows as Array<{ id: string }>;

  await timed('accounts, lines, trunks, bans', async () => {
    await db.query(
      `INSERT INTO domains (tenant_id, name) SELECT $1, 'pbx' || n || '.bench.tollgate.test'
         FROM generate_series(0, $2 - 1) n`,
      [owner, DOMAINS],
    );
    // One account in ten postpaid (credit limit 50), the rest prepaid.
    await db.query(
      `INSERT INTO accounts (tenant_id, code, name, email, billing_type, credit_limit, currency, timezone,
                             service_plan_id)
       SELECT $1, 'B' || lpad(n::text, 5, '0'), 'Subscriber ' || n, 'sub' || n || '@example.test',
              (CASE WHEN n % 10 = 0 THEN 'postpaid' ELSE 'prepaid' END)::account_billing_type,
              CASE WHEN n % 10 = 0 THEN 50 ELSE 0 END, 'USD', 'Europe/London',
              CASE WHEN n % 10 = 0 THEN $3::uuid ELSE $2::uuid END
         FROM generate_series(0, $4 - 1) n`,
      [owner, plans[0]!.id, plans[1]!.id, ACCOUNTS],
    );
    await db.query(
      `INSERT INTO lines (tenant_id, account_id, domain_id, username, ha1, ha1b, caller_id_name,
                          caller_id_number)
       SELECT $1, a.id, d.id, u.username,
              md5(u.username || ':' || d.name || ':' || u.secret),
              md5(u.username || '@' || d.name || ':' || d.name || ':' || u.secret),
              a.name, '4420' || lpad(u.username, 8, '0')
         FROM (SELECT id, name, substr(code, 2)::int AS n FROM accounts) a
        CROSS JOIN generate_series(0, $2 - 1) l
        CROSS JOIN LATERAL (SELECT (300000 + a.n * $2 + l)::text AS username,
                                   md5(a.id::text || l) AS secret) u
         JOIN domains d ON d.name = 'pbx' || (a.n + l) % $3 || '.bench.tollgate.test'`,
      [owner, LINES_PER_ACCOUNT, DOMAINS],
    );
    await db.query(
      `INSERT INTO services (tenant_id, account_id, kind, name, allowed_source_ips, max_channels)
       SELECT $1, a.id, 'sip_trunk'::service_kind, 'SIP trunk ' || a.code,
              ARRAY[('10.' || a.n / 32 || '.' || (a.n % 32) * 8 || '.0/29')::cidr,
                    ('2001:db8:' || to_hex(a.n) || '::/48')::cidr],
              300
         FROM (SELECT id, code, substr(code, 2)::int AS n FROM accounts) a
        WHERE a.n < $2`,
      [owner, TRUNKS],
    );
    await db.query(
      `INSERT INTO banned_ips (tenant_id, cidr, reason)
       SELECT $1, ('100.64.' || n || '.0/24')::cidr, 'bench: scanner' FROM generate_series(0, $2 - 1) n`,
      [owner, BANS],
    );
  });

  // Balances: two top-ups per account in the ledger, the balance their sum (as the ledger service keeps it).
  await timed('ledger and balances', async () => {
    await db.query(
      `INSERT INTO ledger_entries (tenant_id, account_id, kind, amount, currency, idempotency_key, description)
       SELECT $1, a.id, 'top_up'::ledger_entry_kind, t.amount, 'USD', 'top-up:bench:' || a.id || ':' || t.k, 'bench top-up'
         FROM (SELECT id, substr(code, 2)::int AS n FROM accounts) a
        CROSS JOIN LATERAL (VALUES (1, 50 + a.n % 100), (2, 25.5)) t(k, amount)`,
      [owner],
    );
    await db.query(
      `INSERT INTO balances (tenant_id, account_id, amount, currency)
       SELECT $1, account_id, sum(amount), 'USD' FROM ledger_entries GROUP BY account_id`,
      [owner],
    );
  });
  await timed('commit and analyze', async () => {
    await db.query('COMMIT');
    await db.query('ANALYZE');
  });
  return timings;
}

/**
 * PostgreSQL's advice for a bulk load ("Populating a Database"): the table's indexes, primary key and
 * foreign keys are dropped while the rows go in; the function returned creates them again as they were,
 * each in one pass (foreign keys checked over the whole table at once).
 */
async function withoutIndexes(db: Client, table: string): Promise<() => Promise<void>> {
  const constraints = (
    await db.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype IN ('p', 'f') ORDER BY contype DESC`,
      [table],
    )
  ).rows as Array<{ name: string; definition: string }>;
  const indexes = (
    await db.query(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = $1
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass)`,
      [table],
    )
  ).rows as Array<{ name: string; definition: string }>;
  for (const constraint of constraints)
    await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${constraint.name}"`);
  for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
  return async () => {
    await db.query(`SET maintenance_work_mem = '512MB'`);
    for (const index of indexes) await db.query(index.definition);
    // The primary key first ('p' sorts after 'f', hence the descending order above).
    for (const constraint of constraints)
      await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${constraint.name}" ${constraint.definition}`);
  };
}

async function readFixture(db: Client): Promise<Fixture> {
  const accounts = (await db.query(`SELECT id FROM accounts ORDER BY code`)).rows as Array<{ id: string }>;
  const lines = (
    await db.query(
      `SELECT l.username, d.name AS domain, substr(a.code, 2)::int AS n
         FROM lines l JOIN domains d ON d.id = l.domain_id JOIN accounts a ON a.id = l.account_id
        ORDER BY l.username`,
    )
  ).rows as Array<{ username: string; domain: string; n: number }>;
  const trunks = (
    await db.query(
      `SELECT substr(a.code, 2)::int AS n, host(s.allowed_source_ips[1] + 5) AS ip
         FROM services s JOIN accounts a ON a.id = s.account_id`,
    )
  ).rows as Array<{ n: number; ip: string }>;
  return {
    accountIds: accounts.map((row) => row.id),
    lines: lines.map((row) => [row.username, row.domain, row.n] as const),
    trunkIps: new Map(trunks.map((row) => [row.n, row.ip])),
  };
}

// ---------------------------------------------------------------------------------------------------
// The API: apps/api/dist/main.js in 1 process, or N behind node:cluster's round robin on one port.

interface Api {
  base: string;
  pids: () => number[];
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startApi(database: string): Promise<Api> {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl(database),
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    LOG_LEVEL: 'warn',
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64'),
    RATING_API_TOKEN: TOKEN,
  };
  const nodeFlags = options.apiNodeOptions?.split(' ').filter((flag) => flag !== '') ?? [];
  // With --cpu-prof the profile is written at exit: SIGINT exits before Nest's own signal handler
  // re-raises the signal (which would end the process without writing it).
  const profiling = options.cpuProf
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProf)}`, ...nodeFlags]
    : nodeFlags;
  const entry = options.cpuProf
    ? ['-e', `process.once('SIGINT', () => process.exit(0)); require(${JSON.stringify(MAIN_JS)});`]
    : [MAIN_JS];
  let children: ChildProcess[];
  if (options.workers > 1) {
    if (options.cpuProf) throw new Error('--cpu-prof profiles one API process: leave --workers out');
    cluster.setupPrimary({ exec: MAIN_JS, execArgv: nodeFlags });
    children = Array.from({ length: options.workers }, () => cluster.fork(env).process);
  } else {
    children = [spawn(process.execPath, [...profiling, ...entry], { env, stdio: 'inherit' })];
  }
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const exited = children.find((child) => child.exitCode !== null);
    if (exited) throw new Error(`the API exited with code ${exited.exitCode} while starting`);
    if (Date.now() > deadline) throw new Error('the API did not answer /health within 180 s');
    const ok = await fetch(`${base}/health`).then(
      (response) => response.ok,
      () => false,
    );
    // Under cluster, every worker must be up: each loads its own catalog.
    if (ok && (options.workers === 1 || allWorkersListening(children.length))) break;
    await sleep(250);
  }
  return {
    base,
    pids: () => children.map((child) => child.pid ?? 0),
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill(options.cpuProf ? 'SIGINT' : 'SIGTERM');
            }),
        ),
      );
    },
  };
}

let listeningWorkers = 0;
cluster.on('listening', () => listeningWorkers++);
const allWorkersListening = (count: number): boolean => listeningWorkers >= count;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rebuilds after the first (the periodic one, every 60 s, blocks the event loop while it builds). */
async function catalogRebuilds(api: Api): Promise<string> {
  const text = await (await fetch(`${api.base}/metrics`)).text();
  const sum = Number(/^tollgate_rating_catalog_rebuild_seconds_sum\S* (\S+)$/m.exec(text)?.[1]);
  const count = Number(/^tollgate_rating_catalog_rebuild_seconds_count\S* (\S+)$/m.exec(text)?.[1]);
  const first = firstCatalogSeconds;
  return count > 1 ? `${count - 1}, ${((sum - first) / (count - 1)).toFixed(2)} s each on average` : 'none';
}

let firstCatalogSeconds = NaN;

/** The catalog's load-and-build time at boot, as the API reports it (first rebuild). */
async function catalogLoadSeconds(api: Api): Promise<number> {
  const text = await (await fetch(`${api.base}/metrics`)).text();
  const sum = /^tollgate_rating_catalog_rebuild_seconds_sum\S* (\S+)$/m.exec(text)?.[1];
  const count = /^tollgate_rating_catalog_rebuild_seconds_count\S* (\S+)$/m.exec(text)?.[1];
  firstCatalogSeconds = count === '1' ? Number(sum) : NaN;
  return firstCatalogSeconds;
}

// ---------------------------------------------------------------------------------------------------
// Requests: Kamailio's body for a new call, random over the accounts (so over 10k pools) and the deck.

const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };

class Traffic {
  private sequence = 0;
  private readonly linesByAccount: Array<Array<readonly [string, string, number]>> = [];

  constructor(
    private readonly deck: Deck,
    private readonly fixture: Fixture,
  ) {
    for (const line of fixture.lines) (this.linesByAccount[line[2]] ??= []).push(line);
  }

  /** A destination under a random deck prefix, 11–13 digits, dialled as digits, +… or 00…. */
  destination(): string {
    const prefix = this.deck.prefixes[Math.floor(Math.random() * RATES)]!;
    let digits = prefix;
    const length = 11 + Math.floor(Math.random() * 3);
    while (digits.length < length) digits += String(Math.floor(Math.random() * 10));
    const form = Math.random();
    return form < 0.6 ? digits : form < 0.8 ? `+${digits}` : `00${digits}`;
  }

  /** A new call of account `n` (random by default): from one of its lines, or half the time its trunk. */
  body(n = Math.floor(Math.random() * ACCOUNTS)): string {
    const trunkIp = this.fixture.trunkIps.get(n);
    const viaTrunk = trunkIp !== undefined && Math.random() < 0.5;
    const lines = this.linesByAccount[n]!;
    const [user, domain] = lines[Math.floor(Math.random() * lines.length)]!;
    const call = (this.sequence++).toString(36);
    return JSON.stringify({
      callId: `${call}-${randomToken()}@192.0.2.10`,
      fromTag: randomToken(),
      sourceIp: viaTrunk ? trunkIp : `203.0.113.${1 + (this.sequence % 254)}`,
      destination: this.destination(),
      authUser: viaTrunk ? '' : user,
      authDomain: viaTrunk ? '' : domain,
      diverterUser: '',
      diverterDomain: '',
      callerNumber: viaTrunk ? '442079460000' : `4420${user.padStart(8, '0')}`,
    });
  }
}

function randomToken(): string {
  return Math.random().toString(36).slice(2, 12);
}

interface Decision {
  authorized: boolean;
  reason: string;
  accountId: string | null;
}

/** Brings CALLS_UP calls up through the API: authorize, then begin, on as many different accounts. */
async function bringCallsUp(
  api: Api,
  traffic: Traffic,
): Promise<{ outcomes: Map<string, number>; reply: string }> {
  const outcomes = new Map<string, number>();
  let reply = '';
  const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
  const post = async (route: string, body: string) => {
    const response = await fetch(`${api.base}/rating/${route}`, { method: 'POST', headers: HEADERS, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const step = Math.floor(ACCOUNTS / CALLS_UP);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < CALLS_UP) {
        const body = traffic.body((next++ * step + 3) % ACCOUNTS);
        const { callId, fromTag } = JSON.parse(body) as { callId: string; fromTag: string };
        const decision = (await post('authorize', body)).body as unknown as Decision;
        count(`authorize ${decision.reason}`);
        reply = JSON.stringify(decision);
        if (!decision.authorized) continue;
        const begun = await post(
          'begin',
          JSON.stringify({ callId, fromTag, toTag: randomToken(), accountId: decision.accountId }),
        );
        count(`begin ${String(begun.body.status)}`);
      }
    }),
  );
  return { outcomes, reply };
}

// ---------------------------------------------------------------------------------------------------
// Load and measurement.

interface PhaseResult {
  label: string;
  stall: { ms: number; endedAt: number };
  /** Redis's own count and time of the scripts it ran (INFO commandstats: evalsha and eval). */
  scripts: { calls: number; usec: number };
  gc: GcFigures;
  seconds: number;
  offered: number | undefined;
  latencies: Float64Array;
  count: number;
  errors: number;
  statuses: Map<number, number>;
  reasons: Map<string, number>;
  cpu: CpuShares;
}

class Tally {
  latencies = new Float64Array(1 << 20);
  count = 0;
  errors = 0;
  /** The longest time without any answer (ms), and when it ended (ms since the phase began). */
  stall = { ms: 0, endedAt: 0 };
  private readonly began = performance.now();
  private lastAnswer = this.began;
  statuses = new Map<number, number>();
  reasons = new Map<string, number>();

  response(ms: number, status: number, body: string | undefined): void {
    if (this.count === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.count++] = ms;
    const now = performance.now();
    if (now - this.lastAnswer > this.stall.ms)
      this.stall = { ms: now - this.lastAnswer, endedAt: now - this.began };
    this.lastAnswer = now;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    const reason = body === undefined ? undefined : /"reason":"([^"]+)"/.exec(body)?.[1];
    if (reason !== undefined) this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  error(): void {
    this.errors++;
  }
}

/** Closed loop: `connections` connections, each sending its next request when the previous answered. */
function closedLoop(base: string, traffic: Traffic, connections: number, seconds: number, tally: Tally) {
  return new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/rating/authorize',
            headers: HEADERS,
            setupRequest: (request) => {
              request.body = traffic.body();
              return request;
            },
            onResponse: (status, body) => tally.response(NaN, status, body),
          },
        ],
      },
      (error) => (error ? reject(error) : resolve()),
    );
    // autocannon's own histogram has 1 ms resolution: keep every response time (ms, fractional) instead.
    instance.on('response', (_client, _status, _bytes, ms) => {
      tally.latencies[tally.count - 1] = ms;
    });
    instance.on('reqError', () => tally.error());
  });
}

/**
 * Open loop at a fixed rate, as Kamailio's new calls arrive whatever the API's pace: the requests due by
 * now are sent every millisecond, over a keep-alive pool of up to 64 connections, and each latency counts
 * from the time the request was due (so a late send is not hidden). autocannon's rate limit is not used:
 * it sends each connection's quota back to back at the start of every second.
 */
function openLoop(base: string, traffic: Traffic, rate: number, seconds: number, tally: Tally) {
  const { hostname, port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(rate * seconds);
  return new Promise<void>((resolve) => {
    let sent = 0;
    let settled = 0;
    let finished = false;
    const finish = () => {
      finished = true;
      clearInterval(timer);
      clearTimeout(deadline);
      agent.destroy();
      resolve();
    };
    const settle = (record: () => void) => {
      if (finished) return;
      record();
      if (++settled === total) finish();
    };
    const send = (dueAt: number) => {
      const body = traffic.body();
      const request = http.request(
        {
          agent,
          host: hostname,
          port,
          method: 'POST',
          path: '/rating/authorize',
          headers: { ...HEADERS, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            settle(() => tally.response(performance.now() - dueAt, response.statusCode ?? 0, text)),
          );
        },
      );
      request.on('error', () => settle(() => tally.error()));
      request.end(body);
    };
    const start = performance.now();
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      for (; sent < due; sent++) send(start + (sent * 1000) / rate);
      if (sent === total) clearInterval(timer);
    }, 1);
    // An API that cannot keep up would make the queue, and the phase, grow without end: 10 s after the
    // last request was due, whatever is unanswered (or unsent) counts as failed.
    const deadline = setTimeout(
      () => {
        for (let unanswered = total - settled; unanswered > 0; unanswered--) tally.error();
        finish();
      },
      seconds * 1000 + 10_000,
    );
  });
}

// CPU used during a phase by the load generator (this process), the API process(es), Redis, and the
// rest of the machine (PostgreSQL, and whatever else runs: the figures are only as clean as the machine).
interface CpuShares {
  bench: number;
  api: number;
  redis: number;
  other: number;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function machineCpuSeconds(): number {
  const [, ...times] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = times.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS;
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_sys') + field('used_cpu_user');
}

async function cpuMeter(api: Api, redis: Redis): Promise<() => Promise<CpuShares>> {
  const read = async () => ({
    bench: process.cpuUsage(),
    api: api.pids().reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    redis: await redisCpuSeconds(redis),
    machine: machineCpuSeconds(),
    at: performance.now(),
  });
  const before = await read();
  return async () => {
    const after = await read();
    const wall = (after.at - before.at) / 1000;
    const bench = process.cpuUsage(before.bench);
    const shares = {
      bench: (bench.user + bench.system) / 1e6 / wall,
      api: (after.api - before.api) / wall,
      redis: (after.redis - before.redis) / wall,
      other: 0,
    };
    const machine = (after.machine - before.machine) / wall;
    shares.other = Math.max(0, machine - shares.bench - shares.api - shares.redis);
    return shares;
  };
}

/** When load ran, in µs of the monotonic clock V8's profiler also stamps its samples with. */
const loadWindows: Array<[number, number]> = [];
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

async function phase(
  label: string,
  api: Api,
  redis: Redis,
  offered: number | undefined,
  run: (tally: Tally) => Promise<void>,
): Promise<PhaseResult> {
  const tally = new Tally();
  const gcBefore = await gcTotals(api);
  const scriptsBefore = await scriptStats(redis);
  const cpu = await cpuMeter(api, redis);
  const started = performance.now();
  const from = monotonicMicros();
  await run(tally);
  loadWindows.push([from, monotonicMicros()]);
  const seconds = (performance.now() - started) / 1000;
  return {
    label,
    seconds,
    offered,
    latencies: tally.latencies.slice(0, tally.count),
    count: tally.count,
    errors: tally.errors,
    stall: tally.stall,
    statuses: tally.statuses,
    reasons: tally.reasons,
    cpu: await cpu(),
    gc: gcDelta(gcBefore, await gcTotals(api)),
    scripts: await scriptStats(redis).then((after) => ({
      calls: after.calls - scriptsBefore.calls,
      usec: after.usec - scriptsBefore.usec,
    })),
  };
}

async function scriptStats(redis: Redis): Promise<{ calls: number; usec: number }> {
  const info = await redis.info('commandstats');
  let calls = 0;
  let usec = 0;
  for (const [, c, u] of info.matchAll(/^cmdstat_eval(?:sha)?:calls=(\d+),usec=(\d+)/gm)) {
    calls += Number(c);
    usec += Number(u);
  }
  return { calls, usec };
}

/** GC time by kind, and pauses over 100 ms, from prom-client's histogram in the API's /metrics. */
interface GcFigures {
  seconds: Record<string, number>;
  over100ms: number;
}

async function gcTotals(api: Api): Promise<GcFigures> {
  const text = await (await fetch(`${api.base}/metrics`)).text();
  const figures: GcFigures = { seconds: {}, over100ms: 0 };
  for (const [, kind, value] of text.matchAll(
    /^tollgate_nodejs_gc_duration_seconds_sum\{[^}]*kind="(\w+)"[^}]*\} (\S+)$/gm,
  ))
    figures.seconds[kind!] = Number(value);
  for (const [, le, value] of text.matchAll(
    /^tollgate_nodejs_gc_duration_seconds_bucket\{le="([^"]+)"[^}]*\} (\S+)$/gm,
  ))
    if (le === '0.1') figures.over100ms -= Number(value);
    else if (le === '+Inf') figures.over100ms += Number(value);
  return figures;
}

function gcDelta(before: GcFigures, after: GcFigures): GcFigures {
  const seconds: Record<string, number> = {};
  for (const [kind, value] of Object.entries(after.seconds))
    seconds[kind] = value - (before.seconds[kind] ?? 0);
  return { seconds, over100ms: after.over100ms - before.over100ms };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(result: PhaseResult) {
  const sorted = result.latencies.slice().sort();
  const ok = result.statuses.get(200) ?? 0;
  return {
    rate: result.count / result.seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    failed: result.errors + (result.count - ok),
  };
}

/**
 * Returns every reservation the load left (the calls up, begun, stay) and deletes this phase's call
 * records, so each phase starts from the same pools. Answers how many reservations each pool had open.
 */
async function resetPools(
  pools: CreditPools,
  redis: Redis,
  fixture: Fixture,
  keep: ReadonlySet<string>,
): Promise<{ mean: number; max: number }> {
  const future = new Date(Date.now() + 86_400_000);
  const swept = await Promise.all(fixture.accountIds.map((id) => pools.sweepExpired(id, future)));
  await deleteCallKeys(redis, fixture, keep);
  return {
    mean: swept.reduce((sum, result) => sum + result.expired, 0) / fixture.accountIds.length,
    max: swept.reduce((most, result) => Math.max(most, result.expired), 0),
  };
}

/** The call records of the bench's accounts (found by SCAN), except those in `keep`. */
async function deleteCallKeys(redis: Redis, fixture: Fixture, keep: ReadonlySet<string>): Promise<void> {
  const accounts = new Set(fixture.accountIds);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'tollgate:call:{*', 'COUNT', 2000);
    cursor = next;
    const ours = keys.filter(
      (key) => accounts.has(key.slice('tollgate:call:{'.length, key.indexOf('}'))) && !keep.has(key),
    );
    if (ours.length) await redis.unlink(...ours);
  } while (cursor !== '0');
}

async function deleteBenchKeys(redis: Redis, fixture: Fixture): Promise<void> {
  await deleteCallKeys(redis, fixture, new Set());
  const keys = fixture.accountIds.flatMap((id) =>
    ['', ':open', ':deadlines', ':ledger'].map((suffix) => `tollgate:pool:{${id}}${suffix}`),
  );
  for (let i = 0; i < keys.length; i += 1000) await redis.unlink(...keys.slice(i, i + 1000));
}

// ---------------------------------------------------------------------------------------------------

const ms = (value: number) => `${value.toFixed(2)} ms`;
const thousands = (value: number) => Math.round(value).toLocaleString('en');

function printPhase(result: PhaseResult, reservations?: { mean: number; max: number }): void {
  const s = summarize(result);
  const reasons = [...result.reasons.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${reason} ${((count / result.count) * 100).toFixed(1)}%`)
    .join(', ');
  console.log(
    `\n${result.label}${result.offered ? ` (offered ${thousands(result.offered)}/s)` : ''}: ` +
      `${thousands(result.count)} requests in ${result.seconds.toFixed(1)} s`,
  );
  console.log(
    `  ${thousands(s.rate)} ${reservations ? 'authorizations' : 'requests'}/s; latency p50 ${ms(s.p50)}, p90 ${ms(s.p90)}, p99 ${ms(s.p99)}, ` +
      `max ${ms(s.max)}; failed ${s.failed}`,
  );
  console.log(
    `  longest time without an answer: ${ms(result.stall.ms)}, ending ${(result.stall.endedAt / 1000).toFixed(1)} s into the phase`,
  );
  console.log(`  answers: ${reasons}`);
  console.log(
    `  CPU (cores): load generator ${result.cpu.bench.toFixed(2)}, API ${result.cpu.api.toFixed(2)}, ` +
      `Redis ${result.cpu.redis.toFixed(2)}, rest of the machine ${result.cpu.other.toFixed(2)}`,
  );
  if (result.scripts.calls > 0)
    console.log(
      `  Redis scripts: ${thousands(result.scripts.calls)} run, ` +
        `${(result.scripts.usec / result.scripts.calls).toFixed(0)} µs each inside Redis (INFO commandstats)`,
    );
  const gc = Object.entries(result.gc.seconds)
    .filter(([, value]) => value > 0.0005)
    .map(([kind, value]) => `${kind} ${value.toFixed(2)} s`);
  if (!reservations) return;
  console.log(
    `  API garbage collection: ${gc.join(', ') || 'none'}; pauses over 100 ms: ${result.gc.over100ms}`,
  );
  console.log(
    `  reservations left open per pool at the end: ${reservations.mean.toFixed(1)} on average, ${reservations.max} at most`,
  );
}

function verdict(label: string, result: PhaseResult): void {
  const s = summarize(result);
  const rateRatio = s.rate / TARGET_RATE;
  const latencyRatio = TARGET_P99_MS / s.p99;
  const met = rateRatio >= 0.99 && latencyRatio >= 1 && s.failed === 0;
  console.log(
    `${label.padEnd(34)} ${thousands(s.rate).padStart(7)}/s (${rateRatio.toFixed(2)}x of ${thousands(TARGET_RATE)}/s), ` +
      `p99 ${ms(s.p99)} (${latencyRatio.toFixed(2)}x headroom on ${TARGET_P99_MS} ms) ${met ? 'MET' : 'MISSED'}`,
  );
}

async function main(): Promise<void> {
  const redisUrl = requiredEnv('REDIS_URL');
  requiredEnv('DATABASE_URL');
  console.log(
    `authorize benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GB; API workers: ${options.workers}`,
  );
  printLoadAverage('start');
  if (options.build) {
    const started = performance.now();
    const build = spawnSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'apps/api'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('tsc -b apps/api failed');
    console.log(`tsc -b apps/api: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const started = performance.now();
  const deck = generateDeck();
  console.log(`deck generated (1,000,000 prefixes): ${seconds(started)}`);
  const database = options.db ?? `tollgate_bench_authorize_${randomBytes(3).toString('hex')}`;
  try {
    if (!options.db) await prepareDatabase(database, deck);
    await measure(database, deck, redisUrl);
  } finally {
    if (options.keepDb) console.log(`database kept: ${database} (reuse it with --db=${database})`);
    else if (!options.db) await dropDatabase(database);
  }
  printLoadAverage('end');
  if (options.cpuProf) summarizeProfiles(path.resolve(options.cpuProf));
}

/** The machine is shared: its load says how much of it the bench had. */
function printLoadAverage(when: string): void {
  const loads = os.loadavg().map((load) => load.toFixed(2));
  console.log(`load average (1, 5, 15 min) at ${when}: ${loads.join(' ')}`);
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function prepareDatabase(database: string, deck: Deck): Promise<void> {
  let started = performance.now();
  await createDatabase(database);
  console.log(`database ${database} created and migrated: ${seconds(started)}`);
  started = performance.now();
  const timings = await withClient(databaseUrl(database), (db) => fillDatabase(db, deck));
  const parts = Object.entries(timings).map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`);
  console.log(`database filled with bulk SQL: ${seconds(started)} (${parts.join(', ')})`);
}

async function measure(database: string, deck: Deck, redisUrl: string): Promise<void> {
  const fixture = await withClient(databaseUrl(database), readFixture);
  console.log(
    `data: ${thousands(RATES + PEAK_RATES)} sell rates, 5 vendors × 3,232 buy rates, ` +
      `${thousands(fixture.accountIds.length)} accounts, ${thousands(fixture.lines.length)} lines, ` +
      `${fixture.trunkIps.size} SIP trunks, ${BANS} banned networks`,
  );
  const redis = new Redis(redisUrl);
  const pools = new CreditPools(redis);
  const traffic = new Traffic(deck, fixture);
  const started = performance.now();
  const api = await startApi(database);
  try {
    const rss = api.pids().map((pid) => {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return `${(Number(kb) / 1024).toFixed(0)} MB`;
    });
    console.log(
      `API up in ${seconds(started)}, catalog loaded and built in ${(await catalogLoadSeconds(api)).toFixed(1)} s ` +
        `(its first rebuild), RSS ${rss.join(', ')}`,
    );
    const up = await bringCallsUp(api, traffic);
    sampleReply = up.reply;
    console.log(
      `calls up: ${[...up.outcomes.entries()].map(([what, count]) => `${what} ${count}`).join(', ')}`,
    );
    const keep = new Set<string>();
    for (const id of fixture.accountIds)
      for (const call of await redis.hkeys(`tollgate:pool:{${id}}:open`))
        keep.add(`tollgate:call:{${id}}:${call}`);
    const run = async (label: string, offered: number | undefined, load: (tally: Tally) => Promise<void>) => {
      const result = await phase(label, api, redis, offered, load);
      printPhase(result, await resetPools(pools, redis, fixture, keep));
      return result;
    };
    await run('warm-up (closed loop, 5 s)', undefined, (tally) =>
      closedLoop(api.base, traffic, options.connections, 5, tally),
    );
    const closed = await run(`closed loop, ${options.connections} connections`, undefined, (tally) =>
      closedLoop(api.base, traffic, options.connections, options.seconds, tally),
    );
    const open: PhaseResult[] = [];
    const peak = summarize(closed).rate;
    for (const option of options.rates) {
      const rate = option === 'half' ? Math.max(100, Math.round(peak / 200) * 100) : Number(option);
      if (rate > peak * 1.5) {
        console.log(
          `\nopen loop at ${thousands(rate)}/s: not run, the closed loop peaked at ${thousands(peak)}/s`,
        );
        continue;
      }
      open.push(
        await run(`open loop at ${thousands(rate)}/s`, rate, (tally) =>
          openLoop(api.base, traffic, rate, options.seconds, tally),
        ),
      );
    }
    console.log(`\ncatalog rebuilds during the run: ${await catalogRebuilds(api)}`);
    console.log(`\ntargets: ≥ ${thousands(TARGET_RATE)} authorizations/s at p99 ≤ ${TARGET_P99_MS} ms`);
    verdict(`closed loop (${options.connections} connections)`, closed);
    for (const result of open) verdict(result.label, result);
  } finally {
    await api.stop();
    await deleteBenchKeys(redis, fixture);
  }
  try {
    if (options.floor && sampleReply) await measureFloor(redis, traffic, sampleReply);
  } finally {
    redis.disconnect();
  }
}

let sampleReply = '';

/** A bare node:http server: parses the body, optionally runs one Redis script, sends a fixed reply. */
const FLOOR_SERVER = `
const http = require('node:http');
const Redis = require(${JSON.stringify(require.resolve('ioredis'))});
const redis = new Redis(process.env.REDIS_URL);
const reply = process.env.REPLY;
const sha = process.env.SHA;
http.createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('end', async () => {
    if (request.method !== 'POST') return response.writeHead(404).end();
    const { callId } = JSON.parse(body);
    if (sha) await redis.evalsha(sha, 1, 'bench:floor:{' + callId + '}', callId);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
    response.end(reply);
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send('ready'));
`;

/**
 * What this machine gives any HTTP service in Node, with the same load generator and request bodies: a
 * bare node:http server sending an authorize reply, without and with one Redis script per request (a SET
 * expiring after 10 s). The ceiling the API is measured against.
 */
async function measureFloor(redis: Redis, traffic: Traffic, reply: string): Promise<void> {
  const script = "redis.call('SET', KEYS[1], ARGV[1], 'PX', 10000) return 1";
  const sha = (await redis.script('LOAD', script)) as string;
  for (const withRedis of [false, true]) {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', FLOOR_SERVER], {
      env: { ...process.env, PORT: String(port), REPLY: reply, SHA: withRedis ? sha : '' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise((resolve) => child.once('message', resolve));
    const server: Api = {
      base: `http://127.0.0.1:${port}`,
      pids: () => [child.pid ?? 0],
      stop: async () => {},
    };
    const label = `floor: bare node:http${withRedis ? ' + 1 Redis script' : ''}, ${options.connections} connections`;
    try {
      printPhase(
        await phase(label, server, redis, undefined, (tally) =>
          closedLoop(server.base, traffic, options.connections, 10, tally),
        ),
      );
    } finally {
      child.kill();
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// --cpu-prof: where the API's CPU time went, by module group and by function (self time).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function summarizeProfiles(directory: string): void {
  const files = readdirSync(directory).filter((file) => file.endsWith('.cpuprofile'));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as {
      nodes: ProfileNode[];
      startTime: number;
      samples: number[];
      timeDeltas: number[];
    };
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    // Self time of each node, counting only the samples taken while load ran (not the boot's catalog load).
    const self = new Map<number, number>();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      if (loadWindows.some(([from, to]) => at >= from && at <= to)) self.set(id, (self.get(id) ?? 0) + delta);
    });
    const byGroup = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let idle = 0;
    for (const [id, time] of self) {
      const frame = nodes.get(id)!.callFrame;
      if (frame.functionName === '(idle)') {
        idle += time;
        continue;
      }
      const group = moduleGroup(frame.url, frame.functionName);
      byGroup.set(group, (byGroup.get(group) ?? 0) + time);
      const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
      const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    }
    const busy = [...byGroup.values()].reduce((sum, value) => sum + value, 0);
    const top = (map: Map<string, number>, count: number) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([name, time]) => `  ${((time / busy) * 100).toFixed(1).padStart(5)}%  ${name}`)
        .join('\n');
    console.log(
      `\nCPU profile ${file}, load phases only: ${(busy / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle. ` +
        'Self time by module:',
    );
    console.log(top(byGroup, 25));
    console.log('by function:');
    console.log(top(byFunction, 40));
  }
}

function shortUrl(url: string): string {
  const text = url.replace(/^file:\/\//, '');
  const pnpm = text.lastIndexOf('/node_modules/');
  if (pnpm >= 0) return text.slice(pnpm + '/node_modules/'.length);
  return path.relative(ROOT, text);
}

function moduleGroup(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const text = shortUrl(url);
  if (text.startsWith('node:')) return text.split('/').slice(0, 2).join('/');
  if (url.includes('/node_modules/')) return /^(@[^/]+\/[^/]+|[^/]+)/.exec(text)?.[1] ?? text;
  // Workspace code: apps/api/dist/<module>, packages/<name>.
  return text.startsWith('apps/')
    ? text.split('/').slice(0, 4).join('/')
    : text.split('/').slice(0, 2).join('/');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
