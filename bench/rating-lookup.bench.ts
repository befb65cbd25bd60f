// Rating engine benchmark: a 1,000,000-prefix deck — build time, lookups, memory, cost computations.
// Run from the repository root: node_modules/.bin/tsx bench/rating-lookup.bench.ts
// Memory is measured in a child process that only builds the card (streaming the rows, as a loader
// reading a database cursor would), so the benchmark's own arrays do not inflate the figures.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  callCost,
  maxDuration,
  Money,
  RateCard,
  type Rate,
  type RateCardInput,
  type RateInput,
  type RoundingMode,
} from '../packages/rating/src/index';

const PREFIXES = 1_000_000;
const PEAK_RATES = 50_000;
const LOOKUPS = 3_000_000;
const COSTS = 300_000;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Deterministic PRNG (mulberry32): every run and the memory child price the same deck. */
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

const next = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const digits = (count: number): string => {
  let text = '';
  for (let i = 0; i < count; i++) text += String(Math.floor(next() * 10));
  return text;
};

const COUNTRY_CODES = [
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
];
COUNTRY_CODES.push(
  '46',
  '47',
  '48',
  '49',
  '52',
  '55',
  '61',
  '62',
  '63',
  '81',
  '82',
  '86',
  '90',
  '91',
  '92',
  '234',
);
const INTERVALS: ReadonlyArray<readonly [number, number]> = [
  [60, 60],
  [60, 1],
  [30, 6],
  [1, 1],
];
const MODES: readonly RoundingMode[] = ['up', 'half-up', 'half-even', 'down'];
const PRICES = Array.from({ length: 5000 }, (_, i) => `0.${String(i * 2 + 1).padStart(4, '0')}`);

/**
 * 1M distinct prefixes of 4 to 10 digits under real country codes (so many nest inside others).
 * Duplicates are filtered through a typed-array hash set rather than a `Set`, so generating the deck
 * leaves little garbage to inflate the RSS figure.
 */
function uniquePrefixes(): string[] {
  const slots = new Float64Array(1 << 21);
  const prefixes: string[] = [];
  while (prefixes.length < PREFIXES) {
    const prefix = pick(COUNTRY_CODES) + digits(3 + Math.floor(next() * 7)).slice(0, 9);
    const key = 10 ** prefix.length + Number(prefix);
    let slot = Math.imul(key >>> 0, 0x9e3779b1) >>> 11;
    while (slots[slot] !== 0 && slots[slot] !== key) slot = (slot + 1) & (slots.length - 1);
    if (slots[slot] === key) continue;
    slots[slot] = key;
    prefixes.push(prefix);
  }
  return prefixes;
}

function rateRow(prefix: string, period?: string): RateInput {
  const [firstInterval, nextInterval] = pick(INTERVALS);
  return {
    prefix,
    destination: `Destination ${prefix.slice(0, 3)}`,
    pricePerMinute: pick(PRICES),
    connectFee: pick(['0', '0', '0.01', '0.05']),
    firstInterval,
    nextInterval,
    rounding: { mode: pick(MODES), decimals: 4 },
    period,
  };
}

/** Every prefix at any time, plus a peak rate (Mon–Fri 08:00–19:00 London) on 50,000 of them. */
function* deckRows(prefixes: readonly string[]): Generator<RateInput> {
  for (const prefix of prefixes) yield rateRow(prefix);
  for (let i = 0; i < PEAK_RATES; i++) yield rateRow(prefixes[i] as string, 'peak');
}

const deck = (rates: Iterable<RateInput>): RateCardInput => ({
  currency: 'EUR',
  timeZone: 'Europe/London',
  periods: [{ name: 'peak', weekdays: [1, 2, 3, 4, 5], times: [{ from: '08:00', to: '19:00' }] }],
  holidays: ['2026-12-25', '2026-12-26'],
  rates,
});

function memory(): { heap: number; buffers: number; rss: number } {
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, buffers: usage.arrayBuffers, rss: usage.rss };
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function measureMemoryAndExit(): void {
  const before = memory();
  let prefixes: string[] | undefined = uniquePrefixes();
  const card = RateCard.build(deck(deckRows(prefixes)));
  prefixes = undefined;
  const after = memory();
  const figures = {
    rates: card.rates.length,
    deckMb: (after.heap - before.heap + after.buffers - before.buffers) / MB,
    indexMb: card.indexByteSize / MB,
    rssMb: after.rss / MB,
    baselineRssMb: before.rss / MB,
  };
  console.log(JSON.stringify(figures));
  process.exit(0);
}

function report(label: string, value: string, target: string, headroom?: number): void {
  const ratio =
    headroom === undefined ? '' : `, ${headroom.toFixed(1)}x ${headroom >= 1 ? 'headroom' : 'OVER TARGET'}`;
  console.log(`${label.padEnd(30)} ${value.padEnd(14)} (${target}${ratio})`);
}

const perSecond = (count: number, ms: number): string => Math.round(count / (ms / 1000)).toLocaleString('en');

function run(): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  console.log(`rating benchmark — node ${process.version}, ${os.arch()}, ${os.cpus().length} × ${cpu}`);

  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--memory'], {
    encoding: 'utf8',
  });
  const measured = JSON.parse(child.stdout) as Record<
    'rates' | 'deckMb' | 'indexMb' | 'rssMb' | 'baselineRssMb',
    number
  >;

  const prefixes = uniquePrefixes();
  const rows = [...deckRows(prefixes)];
  const [card, buildMs] = timed(() => RateCard.build(deck(rows)));
  rows.length = 0;

  const destinations = Array.from({ length: 1_000_000 }, (_, i) =>
    i % 10 === 0 ? pick(COUNTRY_CODES) + digits(10) : (pick(prefixes) + digits(12)).slice(0, 12),
  );
  const at = Date.parse('2026-11-23T10:30:00Z');
  let found = 0;
  for (let i = 0; i < 200_000; i++) if (card.lookup(destinations[i] as string, at)) found++;
  const [, lookupMs] = timed(() => {
    for (let i = 0; i < LOOKUPS; i++)
      if (card.lookup(destinations[i % destinations.length] as string, at)) found++;
  });
  const lookupUs = (lookupMs * 1000) / LOOKUPS;

  const rates = destinations.slice(0, 1000).flatMap((d) => card.lookup(d, at) ?? []);
  const durations = Array.from({ length: 997 }, () => Math.floor(next() * 900));
  let checksum = Money.zero('EUR');
  const [, costMs] = timed(() => {
    for (let i = 0; i < COSTS; i++) {
      const cost = callCost(rates[i % rates.length] as Rate, durations[i % durations.length] as number);
      if (i % 1000 === 0) checksum = checksum.plus(cost.total);
    }
  });
  const peakDestination = `${prefixes[0] as string}1234567`;
  const calls = COSTS / 10;
  const [, rateCallMs] = timed(() => {
    for (let i = 0; i < calls; i++) {
      // 18:xx London on a Monday: every call crosses the 19:00 peak → off-peak boundary.
      const startedAt = Date.parse('2026-11-23T18:00:00Z') + (i % 3600) * 1000;
      card.rateCall({ destination: peakDestination, startedAt, durationSeconds: 3600 + (i % 300) });
    }
  });
  const credit = Money.of('12.50', 'EUR');
  const [, maxMs] = timed(() => {
    for (let i = 0; i < calls; i++) maxDuration(rates[i % rates.length] as Rate, credit);
  });

  console.log(
    `deck: ${card.rates.length} rates, ${card.prefixCount} distinct prefixes; ${found} lookups hit`,
  );
  report('build 1M-prefix card', `${(buildMs / 1000).toFixed(2)} s`, 'target ≤ 5 s', 5000 / buildMs);
  report('lookup', `${lookupUs.toFixed(3)} µs`, 'target ≤ 2 µs', 2 / lookupUs);
  const lookupsPerSecond = LOOKUPS / (lookupMs / 1000);
  report('lookups per second', perSecond(LOOKUPS, lookupMs), 'target ≥ 500,000', lookupsPerSecond / 500_000);
  report(
    'deck memory (heap + buffers)',
    `${measured.deckMb.toFixed(0)} MB`,
    'target ≤ 300 MB',
    300 / measured.deckMb,
  );
  report('  of which lookup index', `${measured.indexMb.toFixed(0)} MB`, 'typed arrays');
  const rssGrowth = measured.rssMb - measured.baselineRssMb;
  report(
    'RSS growth loading the deck',
    `${rssGrowth.toFixed(0)} MB`,
    'with GC slack; target ≤ 300 MB',
    300 / rssGrowth,
  );
  report(
    'RSS of the process',
    `${measured.rssMb.toFixed(0)} MB`,
    `${measured.baselineRssMb.toFixed(0)} MB before: node + tsx`,
  );
  report('callCost', `${perSecond(COSTS, costMs)}/s`, 'no target set');
  report(
    'rateCall, split at 19:00',
    `${perSecond(calls, rateCallMs)}/s`,
    'lookup + periods + breakdown; no target',
  );
  report('maxDuration', `${perSecond(calls, maxMs)}/s`, 'no target set');
  console.log(`checksum ${checksum.toString()} EUR`);
}

if (process.argv.includes('--memory')) measureMemoryAndExit();
else run();
