// Rating catalog benchmark: a snapshot of 10,000 accounts, 20,000 lines, 200 trunks and one
// 1,000,000-rate sell card, built from rows generated in memory through the same pure builder the
// loader feeds (`buildCatalogSnapshot`). Prints build times, memory and the cost of the lookups.
// Run from the repository root: node_modules/.bin/tsx bench/rating-catalog.bench.ts
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildCatalogSnapshot } from '../apps/api/src/rating-catalog/build-catalog-snapshot';
import {
  accountRow,
  assignmentRow,
  banRow,
  domainRow,
  emptyRows,
  type FixtureRows,
  lineRow,
  rateCardRow,
  rateRow,
  routingPlanRow,
  routingRuleRow,
  servicePlanRow,
  settingsRow,
  tenantRow,
  trunkRow,
  vendorRow,
  vendorTrunkRow,
} from '../apps/api/src/rating-catalog/catalog-row-fixtures';
import type { CatalogSnapshot } from '../apps/api/src/rating-catalog/catalog-snapshot';

const ACCOUNTS = 10_000;
const LINES_PER_ACCOUNT = 2;
const TRUNKS = 200;
const RATES = 1_000_000;
const RESELLERS = 20;
const VENDORS = 10;
const VENDOR_RATES = 5_000;
const LOOKUPS = 1_000_000;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memory(): { heap: number; buffers: number; rss: number } {
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, buffers: usage.arrayBuffers, rss: usage.rss };
}

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** Deterministic PRNG (mulberry32). */
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
  '39',
  '41',
  '44',
  '49',
  '55',
  '61',
  '86',
];
const PRICES = Array.from({ length: 5_000 }, (_, i) => (0.001 + i * 0.0007).toFixed(4));

function prefixes(count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const code = COUNTRY_CODES[Math.floor(next() * COUNTRY_CODES.length)]!;
    let digits = code;
    const length = 4 + Math.floor(next() * 7);
    while (digits.length < length) digits += String(Math.floor(next() * 10));
    seen.add(digits);
  }
  return [...seen];
}

/** The platform's rows, as `loadCatalogRows` would hand them (rate rows with decimal columns included). */
function generateRows(): {
  rows: FixtureRows;
  sample: { lines: string[][]; ips: string[]; digits: string[] };
} {
  const rows = emptyRows();
  const owner = tenantRow(undefined, { name: 'Owner' });
  const resellers = Array.from({ length: RESELLERS }, (_, i) => tenantRow(owner, { name: `Reseller ${i}` }));
  rows.tenants.push(owner, ...resellers);
  const buyCards = resellers.map(() =>
    rateCardRow(
      { tenantId: owner.id },
      { rates: prefixes(1_000).map((prefix) => ({ prefix, pricePerMinute: PRICES[0]! })) },
    ),
  );
  rows.tenantSettings.push(
    settingsRow(owner.id),
    ...resellers.map((reseller, i) => settingsRow(reseller.id, { buyRateCardId: buyCards[i]!.card.id })),
  );
  const deck = prefixes(RATES);
  const sellCard = rateCardRow(
    { tenantId: owner.id, name: 'Retail 1M', timezone: 'Europe/London' },
    {
      rates: (card) =>
        deck.map((prefix, i) => rateRow(card, { prefix, pricePerMinute: PRICES[i % PRICES.length]! })),
    },
  );
  const vendorCards = Array.from({ length: VENDORS }, () =>
    rateCardRow(
      { tenantId: owner.id },
      {
        rates: prefixes(VENDOR_RATES).map((prefix, i) => ({
          prefix,
          pricePerMinute: PRICES[(i * 7) % PRICES.length]!,
        })),
      },
    ),
  );
  rows.rateCards.push(sellCard, ...buyCards, ...vendorCards);
  const routing = routingPlanRow(owner.id);
  rows.routingPlans.push(routing);
  for (const [i, card] of vendorCards.entries()) {
    const vendor = vendorRow(owner.id, card.card.id, { priority: i });
    rows.vendors.push(vendor);
    rows.vendorTrunks.push(vendorTrunkRow(vendor.id, { host: `gw${i}.carrier.test` }));
    rows.routingAssignments.push(assignmentRow(routing, vendor));
  }
  for (const code of COUNTRY_CODES)
    rows.routingRules.push(routingRuleRow(routing, `${code}9`, { blocked: code === '7' }));
  const plan = servicePlanRow(owner.id, sellCard.card.id, { routingPlanId: routing.id, maxChannels: 10 });
  rows.servicePlans.push(plan);
  const domains = Array.from({ length: 50 }, (_, i) => domainRow(owner.id, `sip${i}.platform.test`));
  rows.domains.push(...domains);
  const sample = {
    lines: [] as string[][],
    ips: [] as string[],
    digits: deck.slice(0, 10_000).map((p) => `${p}1234567`),
  };
  for (let i = 0; i < ACCOUNTS; i++) {
    const tenant = i % 2 === 0 ? owner : resellers[i % RESELLERS]!;
    const account = accountRow(tenant.id, { servicePlanId: plan.id });
    rows.accounts.push(account);
    for (let l = 0; l < LINES_PER_ACCOUNT; l++) {
      const domain = domains[(i + l) % domains.length]!;
      const line = lineRow(account, domain, `${100_000 + i * LINES_PER_ACCOUNT + l}`);
      rows.lines.push(line);
      if (sample.lines.length < 10_000) sample.lines.push([line.username, domain.name]);
    }
    if (i < TRUNKS) {
      const network = `10.${Math.floor(i / 32)}.${(i % 32) * 8}.0`;
      rows.trunks.push(trunkRow(account, [`${network}/29`, `2001:db8:${i.toString(16)}::/48`]));
      sample.ips.push(`10.${Math.floor(i / 32)}.${(i % 32) * 8}.5`);
    }
  }
  for (let i = 0; i < 100; i++)
    rows.bans.push(banRow(i % 2 ? owner.id : resellers[i % RESELLERS]!.id, `192.0.${i}.0/24`));
  return { rows, sample };
}

function perOp(label: string, count: number, body: (i: number) => unknown): void {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) if (body(i) !== undefined) sink++;
  const elapsed = performance.now() - start;
  console.log(
    `  ${label.padEnd(44)} ${((elapsed * 1e6) / count).toFixed(0).padStart(6)} ns/op  (${sink} hits)`,
  );
}

function main(): void {
  console.log(
    `rating catalog benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  const baseline = memory();
  const { snapshot, sample, timings } = buildTwice(baseline.heap);
  const retained = memory();
  console.log(`first build (every card compiled):            ${(timings.buildMs / 1000).toFixed(2)} s`);
  console.log(`rebuild with the compiled cards reused:        ${timings.rebuildMs.toFixed(0)} ms`);
  console.log(
    `one snapshot in memory (rows dropped, after GC): ${megabytes(retained.heap - baseline.heap + retained.buffers - baseline.buffers)}`,
  );
  console.log(
    `RSS: ${megabytes(baseline.rss)} before, ${megabytes(timings.peakRss)} peak during the first build, ${megabytes(retained.rss)} after`,
  );
  console.log('counts:', JSON.stringify(snapshot.counts), `problems: ${snapshot.problems.length}`);
  lookups(snapshot, sample);
}

/**
 * Builds a snapshot from fresh rows, then rebuilds it as an ordinary change would (same rows, cards
 * unchanged: fingerprints equal, content not loaded). Everything but the second snapshot is garbage
 * once this returns.
 */
function buildTwice(baselineHeap: number) {
  const { rows, sample } = generateRows();
  console.log(`rows generated: ${megabytes(memory().heap - baselineHeap)} of heap for the row objects`);
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const first = buildCatalogSnapshot(rows, { version: 1, loadedAt: new Date() });
  const buildMs = performance.now() - started;
  clearInterval(rssTimer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const unchangedCards = rows.rateCards.map(({ card, fingerprint }) => ({ card, fingerprint }));
  const again = performance.now();
  const snapshot = buildCatalogSnapshot(
    { ...rows, rateCards: unchangedCards },
    { version: 2, loadedAt: new Date(), previous: first },
  );
  const rebuildMs = performance.now() - again;
  return { snapshot, sample, timings: { buildMs, rebuildMs, peakRss } };
}

function lookups(
  snapshot: CatalogSnapshot,
  sample: { lines: string[][]; ips: string[]; digits: string[] },
): void {
  const accounts = sample.lines.map(([user, domain]) =>
    snapshot.account(snapshot.lineByAddress(user!, domain!)!.accountId)!,
  );
  const at = Date.parse('2026-11-23T10:30:00Z');
  console.log(`lookups (${LOOKUPS.toLocaleString('en')} each):`);
  perOp('lineByAddress', LOOKUPS, (i) => {
    const [user, domain] = sample.lines[i % sample.lines.length]!;
    return snapshot.lineByAddress(user!, domain!);
  });
  perOp('trunkBySourceIp (IPv4)', LOOKUPS, (i) =>
    snapshot.trunkBySourceIp(sample.ips[i % sample.ips.length]!),
  );
  perOp('isBanned (miss, reseller path)', LOOKUPS, (i) => {
    const account = accounts[i % accounts.length]!;
    return snapshot.isBanned(sample.ips[i % sample.ips.length]!, account.tenantPath) || undefined;
  });
  perOp('sellCardFor + lookupDigits (1M deck)', LOOKUPS, (i) =>
    snapshot
      .sellCardFor(accounts[i % accounts.length]!)!
      .lookupDigits(sample.digits[i % sample.digits.length]!, at),
  );
  perOp('routingFor + vendorsFor', LOOKUPS, (i) => {
    const account = accounts[i % accounts.length]!;
    return snapshot.vendorsFor(snapshot.routingFor(account)!, sample.digits[i % sample.digits.length]!);
  });
  perOp('resellerChainFor', LOOKUPS, (i) => snapshot.resellerChainFor(accounts[i % accounts.length]!));
}

main();
