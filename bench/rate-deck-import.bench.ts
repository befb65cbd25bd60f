// Rate deck import benchmark (issue 5): a generated 1,000,000-row CSV deck uploaded over real HTTP to the
// API as it runs in production (apps/api/dist/main.js), imported by its BullMQ job into an empty sell
// card, then imported again (the same file: nothing to change). Prints the time from the first byte
// uploaded to the import's completion, rows per second, the job's phases, and the API process's peak
// RSS while it imports (sampled every 50 ms from /proc, and VmHWM).
//
// Run from the repository root with DATABASE_URL and REDIS_URL naming servers you may write to (npm
// test's or npm start's). The bench creates and drops its own database and its own upload directory:
//   node_modules/.bin/tsx bench/rate-deck-import.bench.ts [--rows=N] [--no-build] [--keep-db]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '..');
const MAIN_JS = path.join(ROOT, 'apps/api/dist/main.js');
const MIGRATE_JS = path.join(ROOT, 'packages/db/dist/migrate.js');
const TARGET_SECONDS = 30;
const OWNER = { email: 'owner@demo.tollgate.test', password: 'demo-owner-password' };

const args = process.argv.slice(2);
const value = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const options = {
  rows: Number(value('rows') ?? 1_000_000),
  build: !args.includes('--no-build'),
  keepDb: args.includes('--keep-db'),
};

/** Deterministic PRNG (mulberry32): every run writes the same deck. */
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

const PULSES = [
  [60, 60],
  [60, 1],
  [30, 6],
  [1, 1],
];

/** N distinct prefixes of 8 digits, prices of up to 6 decimals, the four pulse conventions. */
async function writeDeck(file: string, rows: number): Promise<number> {
  const next = random(5);
  const out = createWriteStream(file);
  out.write('prefix,destination,price,connect_fee,first_interval,next_interval\n');
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const [first, nextInterval] = PULSES[Math.floor(next() * PULSES.length)]!;
    const price = (Math.floor(next() * 500_000) / 1_000_000).toFixed(6);
    const connect = next() < 0.1 ? '0.05' : '0';
    const destination = i % 50 === 0 ? `"Zone ${i % 997}, mobile"` : `Zone ${i % 997}`;
    lines.push(`${10_000_000 + i},${destination},${price},${connect},${first},${nextInterval}`);
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
  return statSync(file).size;
}

function databaseUrl(name: string): string {
  const given = process.env.DATABASE_URL;
  if (!given) throw new Error('DATABASE_URL must be set (npm test’s or npm start’s PostgreSQL)');
  const url = new URL(given);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kB of a /proc/<pid>/status field (VmRSS, VmHWM). */
function procStatus(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

interface ImportView {
  id: string;
  status: string;
  rowsRead: number;
  rowsValidated: number;
  rowsWritten: number;
  percent: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  outcome: Record<string, number> | null;
  error: string | null;
}

/** Streams the file as multipart/form-data over HTTP, as `curl -F file=@deck.csv` does. */
function upload(base: string, token: string, cardId: string, file: string): Promise<ImportView> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="deck.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}/rate-cards/${cardId}/imports`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + statSync(file).size + tail.length,
        },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          response.statusCode === 202
            ? resolve(JSON.parse(body) as ImportView)
            : reject(new Error(`upload answered ${response.statusCode}: ${body}`)),
        );
      },
    );
    request.on('error', reject);
    request.write(head);
    const source = createReadStream(file);
    source.on('error', reject);
    source.on('end', () => request.end(tail));
    source.pipe(request, { end: false });
  });
}

async function json<T>(
  base: string,
  method: string,
  url: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Run {
  view: ImportView;
  seconds: number;
  peakRssMb: number;
}

/** One import, from the first byte uploaded to its completion, sampling the API's RSS meanwhile. */
async function importOnce(
  base: string,
  token: string,
  cardId: string,
  file: string,
  pid: number,
): Promise<Run> {
  let peak = procStatus(pid, 'VmRSS');
  const sampler = setInterval(() => (peak = Math.max(peak, procStatus(pid, 'VmRSS'))), 50);
  const started = performance.now();
  let lastPrinted = '';
  try {
    const { id } = await upload(base, token, cardId, file);
    console.log(`  uploaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (;;) {
      const view = await json<ImportView>(base, 'GET', `/rate-cards/${cardId}/imports/${id}`, token);
      const line = `  ${view.status} ${view.percent}%: read ${view.rowsRead}, validated ${view.rowsValidated}, written ${view.rowsWritten}`;
      if (line !== lastPrinted) console.log(line);
      lastPrinted = line;
      if (['completed', 'rejected', 'failed'].includes(view.status))
        return { view, seconds: (performance.now() - started) / 1000, peakRssMb: peak / 1024 };
      await sleep(500);
    }
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  if (!process.env.REDIS_URL) throw new Error('REDIS_URL must be set');
  if (options.build)
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'apps/api'], { cwd: ROOT });
  const work = mkdtempSync(path.join(os.tmpdir(), 'rate-deck-bench-'));
  const database = `rate_deck_bench_${randomBytes(4).toString('hex')}`;
  const file = path.join(work, 'deck.csv');
  const written = performance.now();
  const bytes = await writeDeck(file, options.rows);
  console.log(
    `deck: ${options.rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB, written in ${((performance.now() - written) / 1000).toFixed(1)} s`,
  );
  await admin(`CREATE DATABASE "${database}" TEMPLATE template0`);
  execFileSync(process.execPath, [MIGRATE_JS, '--seed-demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(database) },
    stdio: 'ignore',
  });
  const port = await freePort();
  const api = spawn(process.execPath, [MAIN_JS], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(database),
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'warn',
      AUTH_SECRET: randomBytes(32).toString('base64'),
      RATE_DECK_UPLOAD_DIR: path.join(work, 'uploads'),
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 120_000;
    while (
      !(await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (api.exitCode !== null || Date.now() > deadline) throw new Error('the API did not start');
      await sleep(250);
    }
    const { accessToken: token } = await json<{ accessToken: string }>(
      base,
      'POST',
      '/auth/login',
      undefined,
      OWNER,
    );
    const card = await json<{ id: string }>(base, 'POST', '/rate-cards', token, {
      name: `Bench deck ${database}`,
      kind: 'sell',
      currency: 'EUR',
    });
    await sleep(2000);
    const idle = procStatus(api.pid!, 'VmRSS') / 1024;
    console.log(`API RSS before the import: ${idle.toFixed(0)} MB`);

    console.log('first import (empty card):');
    const first = await importOnce(base, token, card.id, file, api.pid!);
    report('first import', first, bytes);
    // The rating catalog reloads the new card after the import's announcement: let it finish so the
    // second import is measured alone.
    await sleep(15_000);
    console.log('second import (the same file):');
    const second = await importOnce(base, token, card.id, file, api.pid!);
    report('re-import', second, bytes);
    console.log(
      `API peak RSS over the whole run (VmHWM, catalog reloads included): ${(procStatus(api.pid!, 'VmHWM') / 1024).toFixed(0)} MB`,
    );
    const verdict = first.seconds <= TARGET_SECONDS ? 'meets' : 'MISSES';
    console.log(
      `\n${verdict} the target: ${options.rows.toLocaleString('en')} rows in ≤ ${TARGET_SECONDS} s (${first.seconds.toFixed(1)} s)`,
    );
  } finally {
    api.kill('SIGTERM');
    await once(api, 'exit').catch(() => undefined);
    if (!options.keepDb) await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    else console.log(`kept database ${database}`);
    rmSync(work, { recursive: true, force: true });
  }
}

function report(label: string, run: Run, bytes: number): void {
  const { view } = run;
  if (view.status !== 'completed') throw new Error(`${label}: ${view.status} ${view.error ?? ''}`);
  const job = (Date.parse(view.finishedAt!) - Date.parse(view.startedAt!)) / 1000;
  const queued = (Date.parse(view.startedAt!) - Date.parse(view.createdAt)) / 1000;
  console.log(
    `${label}: ${run.seconds.toFixed(1)} s upload to completion (job ${job.toFixed(1)} s, queued ${queued.toFixed(2)} s), ` +
      `${Math.round(options.rows / run.seconds).toLocaleString('en')} rows/s, ${(bytes / 1e6 / run.seconds).toFixed(1)} MB/s; ` +
      `peak API RSS ${run.peakRssMb.toFixed(0)} MB; outcome ${JSON.stringify(view.outcome)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
