// Call-control metering benchmark (issue 7): 50,000 answered calls in 10,000 credit pools, metered every
// second by one LiveCallMeter — the real classes of apps/call-control/src/metering, a real CreditPools on an
// auto-pipelined ioredis connection, built as apps/call-control/src/main.ts builds them — with a
// KamailioRpcClient pointed at a fake Kamailio: a child process that answers dlg.end_dlg / dlg.terminate_dlg,
// records when each request arrived, and then settles the call (`end`), as the rating API does when
// Kamailio posts the end of the dialog.
//
// The pools are set up through CreditPools (reserve + begin per call, answer times in the past, several
// rates: 1/1, 30/6, 60/1, 60/60, a connect fee). 10 % of the pools get exactly the credit that runs out at a
// chosen instant of the measurement window (spread over 20 s): the exhaustion instant t* of a pool is
// computed from its calls' rates and answer times with packages/rating's callCost — the pool is exhausted
// when it cannot pay the next pulse of every call, i.e. at the first t with Σ cost(elapsed(t) + 1) > credit,
// elapsed(t) = floor((t − answer) / 1 s) — and checked against the METER script before the window
// (meter(t* − 1 ms) meters, meter(t*) is exhausted, for every such pool). The other pools have credit for
// hours. Figures: CPU of the metering process and of Redis per second of wall time, delay from t* to the
// arrival of the end request at the fake Kamailio, metering pass duration, Redis memory per live call.
//
// Run from the repository root, with REDIS_URL naming a Redis of your own (its CPU is part of the figures,
// so nothing else should use it; the bench writes only keys under its own prefix and deletes them):
//   REDIS_URL=redis://127.0.0.1:63795 node_modules/.bin/tsx bench/call-control-metering.bench.ts [options]
//     --pools=N            pools (accounts), default 10000
//     --calls-per-pool=N   answered calls per pool, default 5
//     --exhausting=F       share of the pools that run out during the window, default 0.1
//     --seconds=N          measurement window, default 35
//     --spread=N           exhaustion instants spread over this many seconds from 5 s into the window, default 20
//     --period-ms=N        metering period, default 1000 (METERING_PERIOD_MS)
//     --scan-ms=N          SCAN for missed pools, default 10000 (POOL_SCAN_INTERVAL_MS)
//     --log-level=L        call control's log level, default warn (info logs one line per ended call)
//     --cpu-prof=DIR       profile the metering process over the window and print where its CPU went
//     --list-passes        print every pass of the window (start, duration, pools, pools ended)
// The workspace packages are loaded from their dist/ (as apps/call-control/dist/main.js does): the bench
// refuses to run when a package source is newer than its build (`node_modules/.bin/tsc -b apps/call-control`).
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector';
// The builds, not the sources: apps/call-control/src imports these packages by name, which resolves to
// their dist/ (the classes must be the very ones LivePools, CallTerminator and LiveCallMeter are typed with).
import { CreditPools, type CallRate } from '../packages/credit-pools/dist/index';
import { KamailioRpcClient } from '../packages/kamailio/dist/index';
import { createLogger, createMetricsRegistry } from '../packages/observability/dist/index';
import { callCost, createRate, type Rate, type RoundingMode } from '../packages/rating/dist/index';
import Redis from 'ioredis';
import { CallControlMetrics } from '../apps/call-control/src/call-control-metrics';
import { CallControlMembers } from '../apps/call-control/src/metering/call-control-members';
import { CallShutdownQueue } from '../apps/call-control/src/events/call-shutdown-queue';
import { CallTerminator } from '../apps/call-control/src/metering/call-terminator';
import { LivePools } from '../apps/call-control/src/metering/live-pools';
import { LiveCallMeter } from '../apps/call-control/src/metering/meter-live-calls';

const ROOT = path.resolve(__dirname, '..');
const TARGET_CPU_CORES = 1;
const TARGET_P99_DELAY_S = 1.5;
/** Time from reserve (the INVITE) to begin (the 200 OK). */
const RING_MS = 4_000;
/** The fake Kamailio settles a call this long after the end request (BYEs, then Kamailio's post to the API). */
const SETTLE_AFTER_MS = 50;

interface Options {
  pools: number;
  callsPerPool: number;
  exhausting: number;
  seconds: number;
  spread: number;
  periodMs: number;
  scanMs: number;
  logLevel: string;
  cpuProf: string | undefined;
  listPasses: boolean;
}

function parseOptions(args: string[]): Options {
  const value = (name: string): string | undefined =>
    args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const number = (name: string, fallback: number): number => {
    const parsed = Number(value(name) ?? fallback);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
    return parsed;
  };
  const options = {
    pools: number('pools', 10_000),
    callsPerPool: number('calls-per-pool', 5),
    exhausting: number('exhausting', 0.1),
    seconds: number('seconds', 35),
    spread: number('spread', 20),
    periodMs: number('period-ms', 1_000),
    scanMs: number('scan-ms', 10_000),
    logLevel: value('log-level') ?? 'warn',
    cpuProf: value('cpu-prof'),
    listPasses: args.includes('--list-passes'),
  };
  if (options.spread + 8 > options.seconds)
    throw new Error('--seconds must leave 5 s before and 3 s after the --spread of exhaustions');
  return options;
}

/** Deterministic PRNG (mulberry32): every run plans the same calls, rates and credits. */
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

const next = random(7);
const hex = (length: number): string => {
  let text = '';
  for (let i = 0; i < length; i++) text += Math.floor(next() * 16).toString(16);
  return text;
};
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const digits = (count: number): string => {
  let text = '';
  for (let i = 0; i < count; i++) text += String(Math.floor(next() * 10));
  return text;
};
const between = (low: number, high: number): number => low + Math.floor(next() * (high - low));

// ---------------------------------------------------------------------------------------------------------
// Rates and exact costs

interface BenchRate {
  readonly rate: Rate;
  /** Usable for the pools that run out: a cost step at least every 6 s once past the first interval. */
  readonly fine: boolean;
}

function rate(
  prefix: string,
  pricePerMinute: string,
  [firstInterval, nextInterval]: [number, number],
  mode: RoundingMode,
  decimals: number,
  connectFee = '0',
): Rate {
  return createRate(
    { prefix, pricePerMinute, connectFee, firstInterval, nextInterval, rounding: { mode, decimals } },
    'EUR',
  );
}

const RATES: readonly BenchRate[] = [
  { rate: rate('44', '0.60', [1, 1], 'half-up', 2), fine: true },
  { rate: rate('4479', '0.1850', [30, 6], 'half-up', 4), fine: true },
  { rate: rate('49', '0.0450', [60, 1], 'up', 4), fine: true },
  { rate: rate('33', '0.3500', [1, 1], 'half-even', 4, '0.05'), fine: true },
  { rate: rate('1', '0.0120', [60, 60], 'up', 4), fine: false },
];
const FINE_RATES = RATES.flatMap((bench, index) => (bench.fine ? [index] : []));

const costMemo: number[][] = RATES.map(() => []);

/** packages/rating callCost(rate, seconds).total in micro-units (the pool scripts' unit). */
function costMicro(rateIndex: number, seconds: number): number {
  const memo = costMemo[rateIndex]!;
  const known = memo[seconds];
  if (known !== undefined) return known;
  const cost = callCost(RATES[rateIndex]!.rate, seconds).total.amount.times(1_000_000).toNumber();
  if (!Number.isSafeInteger(cost)) throw new Error(`cost not in whole micro-units: ${cost}`);
  memo[seconds] = cost;
  return cost;
}

function decimal(micro: number): string {
  return `${Math.floor(micro / 1e6)}.${String(micro % 1e6).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------
// The plan: pools, calls, credits, exhaustion instants

interface PlannedCall {
  readonly callId: string;
  readonly fromTag: string;
  readonly toTag: string;
  readonly rate: number;
  readonly answeredAt: number;
  readonly line: string;
  /** Kamailio's dialog ids ($dlg(h_entry), $dlg(h_id)), given to begin as Kamailio does. */
  readonly hEntry: number;
  readonly hId: number;
}

interface PlannedPool {
  readonly accountId: string;
  readonly calls: PlannedCall[];
  readonly lines: string[];
  credit: number;
  /** The instant the pool cannot pay the next pulse of its calls (epoch ms), for the pools that run out. */
  exhaustsAt: number | undefined;
}

let nextHId = 1;

function planPool(
  index: number,
  callsPerPool: number,
  answeredFrom: number,
  answeredTo: number,
  fine: boolean,
) {
  const lines = [uuid(), uuid()];
  const calls: PlannedCall[] = [];
  for (let i = 0; i < callsPerPool; i++) {
    calls.push({
      callId: `${hex(24)}@10.${between(0, 256)}.${between(0, 256)}.${between(1, 255)}`,
      fromTag: hex(10),
      toTag: hex(10),
      rate: fine ? FINE_RATES[between(0, FINE_RATES.length)]! : between(0, RATES.length),
      answeredAt: between(answeredFrom, answeredTo),
      line: lines[between(0, lines.length)]!,
      hEntry: index % 4096,
      hId: nextHId++,
    });
  }
  calls.sort((a, b) => a.answeredAt - b.answeredAt);
  const pool: PlannedPool = { accountId: uuid(), calls, lines, credit: 0, exhaustsAt: undefined };
  return pool;
}

/** Whole seconds a call has completed at `t`, as the METER script counts them. */
const elapsed = (call: PlannedCall, t: number): number =>
  Math.max(0, Math.floor((t - call.answeredAt) / 1000));

/**
 * Σ cost(elapsed + 1): what the pool must hold at `t` to pay the next pulse of every call. The METER script
 * finds the pool exhausted (horizon < 1 s) exactly when this exceeds its credit.
 */
function nextPulseCost(pool: PlannedPool, t: number): number {
  let sum = 0;
  for (const call of pool.calls) sum += costMicro(call.rate, elapsed(call, t) + 1);
  return sum;
}

/** The next instant after `t` at which some call of the pool completes another second. */
function nextTick(pool: PlannedPool, t: number): number {
  let soonest = Infinity;
  for (const call of pool.calls) {
    const tick = call.answeredAt + (elapsed(call, t) + 1) * 1000;
    if (tick < soonest) soonest = tick;
  }
  return soonest;
}

/** The first instant ≥ `from` at which the pool's next-pulse cost rises: its exhaustion instant if its credit is what it needs just before. */
function firstRiseFrom(pool: PlannedPool, from: number): number {
  let t = from - 1;
  for (let steps = 0; steps < 10_000; steps++) {
    const tick = nextTick(pool, t);
    if (nextPulseCost(pool, tick) > nextPulseCost(pool, t)) return tick;
    t = tick;
  }
  throw new Error(`pool ${pool.accountId}: no cost step found`);
}

// ---------------------------------------------------------------------------------------------------------
// Setting the pools up through CreditPools, as the rating API's authorize and begin do

async function setUpPool(pools: CreditPools, pool: PlannedPool): Promise<void> {
  for (const call of pool.calls) {
    const rateOfCall: CallRate = RATES[call.rate]!.rate;
    const reserved = await pools.reserve({
      accountId: pool.accountId,
      callId: call.callId,
      fromTag: call.fromTag,
      seed: {
        currency: 'EUR',
        billingType: 'prepaid',
        balance: decimal(pool.credit),
        balanceVersion: 0n,
        creditLimit: '0',
      },
      rate: rateOfCall,
      maxCalls: 30,
      channels: [
        { name: 'out', max: 30 },
        { name: `line:${call.line}`, max: 10 },
      ],
      details: {
        direction: 'outbound',
        destination: `${RATES[call.rate]!.rate.prefix}${digits(9)}`,
        dialled: `00${RATES[call.rate]!.rate.prefix}${digits(9)}`,
        callerNumber: `44${digits(10)}`,
        sourceIp: `192.0.2.${between(1, 255)}`,
        lineId: call.line,
        trunkServiceId: null,
        diverted: null,
        ratePrefix: RATES[call.rate]!.rate.prefix,
        rateDestination: null,
        routingPlanId: pool.lines[0]!,
        carriers: `${pool.lines[0]!},${pool.lines[1]!}`,
        maxCallSeconds: '86400',
      },
      now: new Date(call.answeredAt - RING_MS),
    });
    if (reserved.status !== 'reserved') throw new Error(`reserve: ${JSON.stringify(reserved)}`);
    const begun = await pools.begin({
      accountId: pool.accountId,
      callId: call.callId,
      fromTag: call.fromTag,
      toTag: call.toTag,
      dialog: { entry: call.hEntry, id: call.hId },
      now: new Date(call.answeredAt),
    });
    if (begun.status !== 'begun') throw new Error(`begin: ${JSON.stringify(begun)}`);
  }
}

/** Runs `work` over `items` with `concurrency` chains in flight (auto-pipelining batches their commands). */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nextIndex < items.length) await work(items[nextIndex++]!);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The fake Kamailio (child process): JSON-RPC end requests, their arrival times, then `end` as the API would

type ToChild = { kind: 'calls'; calls: Array<[number, number, string, string]> } | { kind: 'report' };
interface Arrival {
  method: string;
  accountId: string | undefined;
  callId: string | undefined;
  at: number;
}
type FromChild =
  | { kind: 'ready'; port: number }
  | {
      kind: 'report';
      arrivals: Arrival[];
      cpuSeconds: number;
      settled: number;
      settleFailures: string[];
    };

async function runFakeKamailio(): Promise<void> {
  const redisUrl = process.env.REDIS_URL!;
  const prefix = process.env.BENCH_PREFIX!;
  const redis = new Redis(redisUrl, { enableAutoPipelining: true, connectionName: 'bench-fake-kamailio' });
  const pools = new CreditPools(redis, { keyPrefix: prefix });
  const byDialog = new Map<string, { accountId: string; callId: string }>();
  const byCallId = new Map<string, string>();
  const arrivals: Arrival[] = [];
  const settleFailures: string[] = [];
  const rates = new Map<string, Rate>();
  let settled = 0;
  const cpuBefore = process.cpuUsage();
  const send = (message: FromChild) => process.send!(message);

  /** What Kamailio's post to the rating API leads to: `end` with the call's real cost. */
  async function settle(accountId: string, callId: string): Promise<void> {
    const call = await pools.call(accountId, callId);
    if (call === null || call.answeredAt === null) throw new Error(`${callId}: not an answered call`);
    const key = JSON.stringify(call.rate);
    let callRate = rates.get(key);
    if (callRate === undefined) {
      callRate = createRate({ ...call.rate, prefix: '' }, call.rate.currency);
      rates.set(key, callRate);
    }
    const now = Date.now();
    const seconds = Math.ceil((now - call.answeredAt.getTime()) / 1000);
    const cost = callCost(callRate, seconds).total.amount.toFixed();
    const ended = await pools.end({ accountId, callId, cost, fromTag: call.fromTag, toTag: call.toTag });
    if (ended.status !== 'settled') throw new Error(`${callId}: end answered ${ended.status}`);
    settled++;
  }

  const server = http.createServer((request, response) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        method: string;
        params: unknown[];
        id: number;
      };
      let target: { accountId: string; callId: string } | undefined;
      if (body.method === 'dlg.end_dlg')
        target = byDialog.get(`${String(body.params[0])}:${String(body.params[1])}`);
      else if (body.method === 'dlg.terminate_dlg') {
        const callId = String(body.params[0]);
        const accountId = byCallId.get(callId);
        if (accountId !== undefined) target = { accountId, callId };
      }
      arrivals.push({ method: body.method, accountId: target?.accountId, callId: target?.callId, at });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ jsonrpc: '2.0', result: {}, id: body.id }));
      if (target !== undefined) {
        const { accountId, callId } = target;
        setTimeout(() => {
          settle(accountId, callId).catch((error: unknown) => settleFailures.push(String(error)));
        }, SETTLE_AFTER_MS);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The bench is done (or died): nothing keeps this process.
  process.on('disconnect', () => {
    server.close();
    redis.disconnect();
    process.exit(0);
  });
  process.on('message', (message: ToChild) => {
    if (message.kind === 'calls') {
      for (const [hEntry, hId, accountId, callId] of message.calls) {
        byDialog.set(`${hEntry}:${hId}`, { accountId, callId });
        byCallId.set(callId, accountId);
      }
    } else {
      const cpu = process.cpuUsage(cpuBefore);
      send({
        kind: 'report',
        arrivals,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        settled,
        settleFailures: settleFailures.slice(0, 5),
      });
    }
  });
  send({ kind: 'ready', port: (server.address() as AddressInfo).port });
}

function startFakeKamailio(redisUrl: string, prefix: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, ['--fake-kamailio'], {
    env: { ...process.env, REDIS_URL: redisUrl, BENCH_PREFIX: prefix },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`fake Kamailio exited (${code ?? signal})`)));
    child.once('message', (message: FromChild) => {
      if (message.kind === 'ready') resolve({ child, port: message.port });
    });
  });
}

function childReport(child: ChildProcess): Promise<Extract<FromChild, { kind: 'report' }>> {
  return new Promise((resolve, reject) => {
    child.once('exit', () => reject(new Error('the fake Kamailio died before its report')));
    child.on('message', (message: FromChild) => {
      if (message.kind !== 'report') return;
      child.disconnect();
      resolve(message);
    });
    child.send({ kind: 'report' } satisfies ToChild);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

async function info(redis: Redis, section: string): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  for (const line of (await redis.info(section)).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number((await info(redis, 'memory')).get('used_memory'));
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const cpu = await info(redis, 'cpu');
  return Number(cpu.get('used_cpu_sys')) + Number(cpu.get('used_cpu_user'));
}

/** Redis's per-command totals (calls, µs inside Redis). */
async function commandStats(redis: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const stats = new Map<string, { calls: number; usec: number }>();
  for (const [name, value] of await info(redis, 'commandstats')) {
    const calls = /calls=(\d+)/.exec(value);
    const usec = /usec=(\d+)/.exec(value);
    if (calls && usec)
      stats.set(name.replace('cmdstat_', ''), { calls: Number(calls[1]), usec: Number(usec[1]) });
  }
  return stats;
}

/** Busy CPU seconds of the whole machine (every process), from /proc/stat. */
function machineCpuSeconds(): number {
  const [, ...times] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = times.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** CPU seconds so far of every process on the machine, by pid (with its command name). */
function processCpuSeconds(): Map<number, { name: string; seconds: number }> {
  const processes = new Map<number, { name: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
      processes.set(Number(entry), {
        name: stat.slice(stat.indexOf('(') + 1, close),
        seconds: (Number(fields[11]) + Number(fields[12])) / 100,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return processes;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]): { p50: number; p99: number; max: number; min: number; count: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    min: sorted[0] ?? NaN,
    count: sorted.length,
  };
}

/** Progress on stderr, so that stdout holds the figures only. */
function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function report(name: string, value: string, note = '', ratio?: number): void {
  const headroom = ratio === undefined ? '' : `  ${ratio >= 1 ? 'OK  ' : 'MISS'} ${ratio.toFixed(2)}x`;
  console.log(`${name.padEnd(44)} ${value.padStart(16)}  ${note}${headroom}`);
}

/** Every source file of the workspace packages call control uses must be older than its build. */
function assertBuildsFresh(): void {
  const stale: string[] = [];
  for (const name of ['config', 'credit-pools', 'kamailio', 'observability', 'rating']) {
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'testing') walk(full);
        } else if (entry.name.endsWith('.ts') && !entry.name.includes('.spec.')) {
          const built = full.replace(`${name}/src/`, `${name}/dist/`).replace(/\.ts$/, '.js');
          let builtAt = 0;
          try {
            builtAt = statSync(built).mtimeMs;
          } catch {
            // not built
          }
          if (statSync(full).mtimeMs > builtAt) stale.push(path.relative(ROOT, full));
        }
      }
    };
    walk(path.join(ROOT, 'packages', name, 'src'));
  }
  if (stale.length > 0) {
    throw new Error(
      `packages built before their last change (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}):` +
        ' run node_modules/.bin/tsc -b apps/call-control first',
    );
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by function (top 25) of a V8 CPU profile. */
function printProfile(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const url = frame.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
    const key = `${frame.functionName || '(anonymous)'} ${url ? `${url}:${frame.lineNumber + 1}` : ''}`;
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  console.log('\nCPU profile of the metering process over the window (self time):');
  for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
}

// ---------------------------------------------------------------------------------------------------------

async function run(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL must name a Redis of your own (its CPU is measured)');
  assertBuildsFresh();
  const prefix = `bench-metering-${hex(8)}`;
  const exhaustingCount = Math.round(options.pools * options.exhausting);
  const calls = options.pools * options.callsPerPool;

  // As apps/call-control/src/main.ts builds them.
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectionName: 'tollgate-call-control',
    enableAutoPipelining: true,
  });
  await redis.connect();
  const logger = createLogger('call-control', options.logLevel);
  const metrics = new CallControlMetrics(createMetricsRegistry('call-control'));
  const pools = new CreditPools(redis, { keyPrefix: prefix });
  const { child, port } = await startFakeKamailio(redisUrl, prefix);
  const kamailio = new KamailioRpcClient({ url: `http://127.0.0.1:${port}/RPC`, timeoutMs: 2_000 });
  const live = new LivePools(pools, redis, prefix);
  await live.start();
  // As main.ts does: the terminator reads calls on a connection of its own, not behind a pass's scripts.
  const terminatorRedis = redis.duplicate({ connectionName: 'tollgate-call-control-terminator' });
  const shutdowns = new CallShutdownQueue(redis.duplicate(), `${prefix}:queues`);
  const offBatchPools = new CreditPools(terminatorRedis, { keyPrefix: prefix });
  const terminator = new CallTerminator(offBatchPools, terminatorRedis, kamailio, metrics, logger, shutdowns);
  const members = new CallControlMembers(redis, `${prefix}:call-control:members`, 'bench', {
    expireMs: Math.max(5_000, options.periodMs * 5),
  });
  const meter = new LiveCallMeter(
    pools,
    redis,
    live,
    members,
    terminator,
    metrics,
    logger,
    {
      periodMs: options.periodMs,
      scanEveryMs: options.scanMs,
    },
    offBatchPools,
  );

  // What the bench observes: each pass (start, duration, pools) and each request to end calls.
  const passes: Array<{ at: number; ms: number; pools: number }> = [];
  const meterPass = meter.meterLiveCalls.bind(meter);
  meter.meterLiveCalls = async (now = new Date()) => {
    const poolsBefore = live.size;
    const started = performance.now();
    await meterPass(now);
    passes.push({ at: now.getTime(), ms: performance.now() - started, pools: poolsBefore });
  };
  const decided = new Map<string, { at: number; reason: string }>();
  const endCalls = terminator.end.bind(terminator);
  terminator.end = (accountId, callIds, reason, now = Date.now()) => {
    if (!decided.has(accountId)) decided.set(accountId, { at: now, reason });
    return endCalls(accountId, callIds, reason, now);
  };

  // The API's connection, for the setup.
  const api = new Redis(redisUrl, { enableAutoPipelining: true, connectionName: 'bench-rating-api' });
  const apiPools = new CreditPools(api, { keyPrefix: prefix });
  const memoryBefore = await usedMemory(redis);

  // 1. The pools that do not run out: credit for an hour and more.
  const setupStart = Date.now();
  const steady = Array.from({ length: options.pools - exhaustingCount }, (_, i) =>
    planPool(i, options.callsPerPool, setupStart - 900_000, setupStart - 5_000, false),
  );
  for (const pool of steady) pool.credit = nextPulseCost(pool, setupStart + 3_600_000) + between(0, 50) * 1e6;
  const setupTimer = performance.now();
  progress(`setting up ${steady.length} pools that do not run out`);
  await inParallel(steady, 256, (pool) => setUpPool(apiPools, pool));

  // 2. The pools that run out, at instants spread over the window: credit = exactly what they need just
  // before their chosen instant.
  const windowStart = Date.now() + 10_000;
  const exhausting = Array.from({ length: exhaustingCount }, (_, i) =>
    planPool(steady.length + i, options.callsPerPool, Date.now() - 600_000, Date.now() - 70_000, true),
  );
  exhausting.forEach((pool, i) => {
    const target = windowStart + 5_000 + Math.floor(((i + next()) / exhaustingCount) * options.spread * 1000);
    const exhaustsAt = firstRiseFrom(pool, target);
    if (exhaustsAt > windowStart + (options.seconds - 3) * 1000)
      throw new Error(`pool ${pool.accountId} would run out after the window`);
    pool.exhaustsAt = exhaustsAt;
    pool.credit = nextPulseCost(pool, exhaustsAt - 1);
  });
  progress(`setting up ${exhausting.length} pools that run out`);
  await inParallel(exhausting, 256, (pool) => setUpPool(apiPools, pool));
  const setupSeconds = (performance.now() - setupTimer) / 1000;
  const memoryAfterSetup = await usedMemory(redis);

  // The computed instants against the METER script itself, before the window (meter writes only the
  // pool's reserved/consumed/meteredAt, which the next pass recomputes).
  let exact = 0;
  const mismatches: string[] = [];
  await inParallel(exhausting, 256, async (pool) => {
    const before = await apiPools.meter(pool.accountId, new Date(pool.exhaustsAt! - 1));
    const at = await apiPools.meter(pool.accountId, new Date(pool.exhaustsAt!));
    if (before.status === 'metered' && before.activeCalls === pool.calls.length && at.status === 'exhausted')
      exact++;
    else mismatches.push(`${pool.accountId}: ${before.status}/${at.status}`);
  });
  const allPools = [...steady, ...exhausting];
  const exhaustsAt = new Map(exhausting.map((pool) => [pool.accountId, pool.exhaustsAt!]));
  child.send({
    kind: 'calls',
    calls: allPools.flatMap((pool) =>
      pool.calls.map((call): [number, number, string, string] => [
        call.hEntry,
        call.hId,
        pool.accountId,
        call.callId,
      ]),
    ),
  } satisfies ToChild);

  // 3. Metering: warm-up pass, then the window.
  if (live.size !== options.pools) await live.scan();
  const livePoolsAtStart = live.size;
  progress('metering');
  meter.start();
  while (passes.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const firstPass = passes[0]!;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const memorySteady = await usedMemory(redis);
  const late = Date.now() - windowStart;
  if (late > 3_000) throw new Error(`setup ran ${late} ms past the planned window start: raise the margin`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowStart - Date.now())));

  const profiler = options.cpuProf ? new Session() : undefined;
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      profiler!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (profiler) {
    profiler.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  progress(`window of ${options.seconds} s`);
  const passesBefore = passes.length;
  const before = {
    wall: performance.now(),
    cpu: process.cpuUsage(),
    redis: await redisCpuSeconds(redis),
    machine: machineCpuSeconds(),
    processes: processCpuSeconds(),
    commands: await commandStats(redis),
    load: os.loadavg()[0]!,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  const after = {
    wall: performance.now(),
    cpu: process.cpuUsage(before.cpu),
    redis: await redisCpuSeconds(redis),
    machine: machineCpuSeconds(),
    processes: processCpuSeconds(),
    commands: await commandStats(redis),
    load: os.loadavg()[0]!,
  };
  // The passes that started in the window (the one running when it opened is pushed when it ends).
  const windowPasses = passes.slice(passesBefore).filter((pass) => pass.at >= windowStart);
  let profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } | undefined;
  if (profiler) {
    profile = ((await post('Profiler.stop')) as { profile: typeof profile }).profile;
    profiler.disconnect();
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await meter.stop();
  const fake = await childReport(child);
  await live.stop();

  // Figures.
  const wall = (after.wall - before.wall) / 1000;
  const meteringCores = (after.cpu.user + after.cpu.system) / 1e6 / wall;
  const redisCores = (after.redis - before.redis) / wall;
  const machineCores = (after.machine - before.machine) / wall;
  const perPoolLast = new Map<string, number>();
  const perCall: number[] = [];
  const unexpected: Arrival[] = [];
  const seen = new Set<string>();
  for (const arrival of fake.arrivals) {
    const due = arrival.accountId === undefined ? undefined : exhaustsAt.get(arrival.accountId);
    if (due === undefined) {
      unexpected.push(arrival);
      continue;
    }
    if (seen.has(arrival.callId!)) continue; // a repeated request (CallTerminator retries after 5 s)
    seen.add(arrival.callId!);
    perCall.push(arrival.at - due);
    perPoolLast.set(
      arrival.accountId!,
      Math.max(perPoolLast.get(arrival.accountId!) ?? -Infinity, arrival.at - due),
    );
  }
  const poolDelays = summary([...perPoolLast.values()]);
  const callDelays = summary(perCall);
  const detection = summary(
    exhausting.flatMap((pool) => {
      const seenAt = decided.get(pool.accountId);
      return seenAt ? [seenAt.at - pool.exhaustsAt!] : [];
    }),
  );
  const dispatch = summary(
    fake.arrivals.flatMap((arrival) => {
      const seenAt = arrival.accountId === undefined ? undefined : decided.get(arrival.accountId);
      return seenAt && exhaustsAt.has(arrival.accountId!) ? [arrival.at - seenAt.at] : [];
    }),
  );
  const redisPid = Number((await info(redis, 'server')).get('process_id'));
  const others = [...after.processes]
    .filter(([pid]) => pid !== process.pid && pid !== child.pid && pid !== redisPid)
    .map(([pid, { name, seconds }]) => ({
      pid,
      name,
      cores: (seconds - (before.processes.get(pid)?.seconds ?? 0)) / wall,
    }))
    .sort((a, b) => b.cores - a.cores)
    .slice(0, 4)
    .map(({ pid, name, cores }) => `${name}[${pid}] ${cores.toFixed(2)}`)
    .join(', ');
  const early = exhausting.filter((pool) => (decided.get(pool.accountId)?.at ?? Infinity) < pool.exhaustsAt!);
  const wronglyEnded = [...decided.keys()].filter((accountId) => !exhaustsAt.has(accountId));
  const durations = summary(windowPasses.map((pass) => pass.ms));
  const gaps = summary(windowPasses.slice(1).map((pass, i) => pass.at - windowPasses[i]!.at));
  const evalStats = (stats: typeof before.commands) => {
    const evalsha = stats.get('evalsha') ?? { calls: 0, usec: 0 };
    const evalCalls = stats.get('eval') ?? { calls: 0, usec: 0 };
    return { calls: evalsha.calls + evalCalls.calls, usec: evalsha.usec + evalCalls.usec };
  };
  const scripts = {
    calls: evalStats(after.commands).calls - evalStats(before.commands).calls,
    usec: evalStats(after.commands).usec - evalStats(before.commands).usec,
  };
  let commandUsec = 0;
  for (const [name, stat] of after.commands)
    commandUsec += stat.usec - (before.commands.get(name)?.usec ?? 0);

  // Per-key memory on a sample, to show where the bytes of a call go.
  const sample = allPools.slice(0, 200);
  const usage = async (key: string) =>
    Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
  let poolBytes = 0;
  let openBytes = 0;
  let callBytes = 0;
  let sampleCalls = 0;
  for (const pool of sample.slice(0, 100)) {
    poolBytes += await usage(`${prefix}:pool:{${pool.accountId}}`);
    openBytes += await usage(`${prefix}:pool:{${pool.accountId}}:open`);
    for (const call of pool.calls) {
      callBytes += await usage(`${prefix}:call:{${pool.accountId}}:${call.callId}`);
      sampleCalls++;
    }
  }

  // What a call costs once closed: its hash is kept for the retention (1 day by default) after its end.
  let closedBytes = 0;
  let closedCalls = 0;
  for (const pool of exhausting.slice(0, 100)) {
    for (const call of pool.calls) {
      closedBytes += await usage(`${prefix}:call:{${pool.accountId}}:${call.callId}`);
      closedCalls++;
    }
  }

  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const server = await info(redis, 'server');
  console.log(
    `\nmachine: ${os.cpus().length} CPUs (${cpuModel}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ` +
      `Node ${process.version}, Redis ${server.get('redis_version')}; load average ${before.load.toFixed(1)} → ${after.load.toFixed(1)}`,
  );
  console.log(
    `setup: ${calls} calls (reserve + begin each) in ${options.pools} pools in ${setupSeconds.toFixed(1)} s ` +
      `(${Math.round((2 * calls) / setupSeconds)} scripts/s); ${livePoolsAtStart} live pools; ` +
      `exhaustion instants checked against METER: ${exact}/${exhausting.length} exact` +
      (mismatches.length > 0 ? ` (${mismatches.slice(0, 3).join('; ')})` : ''),
  );
  console.log(
    `window: ${wall.toFixed(1)} s, ${windowPasses.length} passes (period ${options.periodMs} ms), ` +
      `first (warm-up) pass ${firstPass.ms.toFixed(0)} ms over ${firstPass.pools} pools; ` +
      `metering process heap ${before.heapMb.toFixed(0)} MB (the bench's plan included); ` +
      `${exhausting.length} pools (${exhausting.length * options.callsPerPool} calls) ran out between ` +
      `+${((Math.min(...exhaustsAt.values()) - windowStart) / 1000).toFixed(1)} s and ` +
      `+${((Math.max(...exhaustsAt.values()) - windowStart) / 1000).toFixed(1)} s\n`,
  );
  report(
    'metering process CPU',
    `${meteringCores.toFixed(3)} cores`,
    'target < 1 core',
    TARGET_CPU_CORES / meteringCores,
  );
  report('Redis CPU', `${redisCores.toFixed(3)} cores`, 'meter + begun/end traffic; single-threaded');
  report(
    '  of which scripts (commandstats)',
    `${(scripts.usec / 1e6 / wall).toFixed(3)} cores`,
    `${scripts.calls} EVAL/EVALSHA, ${(scripts.usec / Math.max(1, scripts.calls)).toFixed(1)} µs each; all commands ${(commandUsec / 1e6 / wall).toFixed(3)} cores`,
  );
  report(
    'fake Kamailio + settling (child) CPU',
    `${(fake.cpuSeconds / wall).toFixed(3)} cores`,
    'whole run, not a target',
  );
  report(
    'machine CPU busy (all processes)',
    `${machineCores.toFixed(2)} cores`,
    `of ${os.cpus().length}; other work: ${Math.max(0, machineCores - meteringCores - redisCores).toFixed(2)} cores`,
  );
  report('  busiest other processes (cores)', '', others || 'none');
  report(
    'exhaustion → end request, per pool (last)',
    `p99 ${(poolDelays.p99 / 1000).toFixed(3)} s`,
    `p50 ${(poolDelays.p50 / 1000).toFixed(3)} s, max ${(poolDelays.max / 1000).toFixed(3)} s, min ${(poolDelays.min / 1000).toFixed(3)} s, ${poolDelays.count} pools; target p99 ≤ 1.5 s`,
    (TARGET_P99_DELAY_S * 1000) / poolDelays.p99,
  );
  report(
    'exhaustion → end request, per call',
    `p99 ${(callDelays.p99 / 1000).toFixed(3)} s`,
    `p50 ${(callDelays.p50 / 1000).toFixed(3)} s, max ${(callDelays.max / 1000).toFixed(3)} s, ${callDelays.count} calls`,
    (TARGET_P99_DELAY_S * 1000) / callDelays.p99,
  );
  report(
    '  of which exhaustion → pass that saw it',
    `p99 ${(detection.p99 / 1000).toFixed(3)} s`,
    `p50 ${(detection.p50 / 1000).toFixed(3)} s, max ${(detection.max / 1000).toFixed(3)} s (the period's share)`,
  );
  report(
    '  and pass start → request arrival',
    `p99 ${(dispatch.p99 / 1000).toFixed(3)} s`,
    `p50 ${(dispatch.p50 / 1000).toFixed(3)} s, max ${(dispatch.max / 1000).toFixed(3)} s (METER reply, call read, HTTP)`,
  );
  report(
    'metering pass duration',
    `p99 ${durations.p99.toFixed(0)} ms`,
    `p50 ${durations.p50.toFixed(0)} ms, max ${durations.max.toFixed(0)} ms; pass starts every p50 ${gaps.p50} / max ${gaps.max} ms`,
  );
  report(
    'Redis memory per live call',
    `${Math.round((memorySteady - memoryBefore) / calls)} B`,
    `used_memory +${((memorySteady - memoryBefore) / 2 ** 20).toFixed(1)} MB after the first pass ` +
      `(${Math.round((memoryAfterSetup - memoryBefore) / calls)} B right after setup)`,
  );
  report(
    '  per call: call hash + pool/open share',
    `${Math.round(callBytes / sampleCalls)} + ${Math.round((poolBytes + openBytes) / sampleCalls)} B`,
    `MEMORY USAGE on ${sampleCalls} calls; pool hash ${Math.round(poolBytes / 100)} B, open index ${Math.round(openBytes / 100)} B per pool`,
  );
  report(
    'closed (ended) call hash, kept 1 day',
    `${Math.round(closedBytes / Math.max(1, closedCalls))} B`,
    `MEMORY USAGE on ${closedCalls} settled calls (retentionSeconds, default 86,400)`,
  );
  const problems = [
    ...(fake.settleFailures.length > 0 ? [`settle failures: ${fake.settleFailures.join('; ')}`] : []),
    ...(unexpected.length > 0 ? [`${unexpected.length} end requests for calls that should go on`] : []),
    ...(early.length > 0 ? [`${early.length} pools ended before their exhaustion instant`] : []),
    ...(wronglyEnded.length > 0 ? [`${wronglyEnded.length} pools ended that had credit`] : []),
    ...(perPoolLast.size < exhausting.length
      ? [`${exhausting.length - perPoolLast.size} pools never ended`]
      : []),
    ...(perCall.length < exhausting.length * options.callsPerPool
      ? [`${exhausting.length * options.callsPerPool - perCall.length} calls never got an end request`]
      : []),
    ...(mismatches.length > 0 ? [`${mismatches.length} exhaustion instants not confirmed by METER`] : []),
  ];
  console.log(
    `\ncalls settled by the fake Kamailio: ${fake.settled}; ${problems.length === 0 ? 'no anomalies' : problems.join('; ')}`,
  );
  if (options.listPasses) {
    console.log('\npasses of the window: start (s into the window), duration, live pools, pools ended');
    for (const pass of windowPasses) {
      const ended = [...decided.values()].filter((seen) => seen.at === pass.at).length;
      console.log(
        `  +${((pass.at - windowStart) / 1000).toFixed(3)} s  ${pass.ms.toFixed(0).padStart(5)} ms  ${pass.pools}  ${ended}`,
      );
    }
  }
  if (profile) {
    writeFileSync(
      path.join(options.cpuProf!, `call-control-metering-${Date.now()}.cpuprofile`),
      JSON.stringify(profile),
    );
    printProfile(profile);
  }

  // Clean up this run's keys.
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>)
    if (keys.length > 0) await redis.unlink(...keys);
  await shutdowns.close();
  await Promise.all([redis.quit(), api.quit(), terminatorRedis.quit()]);
  if (problems.length > 0) process.exitCode = 1;
}

if (process.argv.includes('--fake-kamailio')) {
  runFakeKamailio().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
