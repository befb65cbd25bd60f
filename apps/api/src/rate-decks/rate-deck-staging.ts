import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import type { StagedRate } from './rate-deck-row';

/**
 * The rows of one import, checked and parsed, in a temporary table of the job's own connection: the
 * file is never held in memory, and the checks across rows and the writes are set-based SQL.
 */
export const STAGING_TABLE = 'pg_temp.rate_deck_rows';

const TERMS = [
  'destination',
  'price_per_minute',
  'connect_fee',
  'first_interval',
  'next_interval',
  'min_charge',
  'free_seconds',
  'no_charge_below_seconds',
  'rounding_mode',
  'rounding_decimals',
] as const;

const COPIED = ['line', 'prefix', 'period_id', 'effective_from', 'explicit_from', 'effective_to', ...TERMS];

export async function createStagingTable(client: PoolClient): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
  await client.query(`
    CREATE TEMP TABLE rate_deck_rows (
      line int NOT NULL,
      prefix text COLLATE "C" NOT NULL,
      period_id uuid,
      effective_from timestamptz NOT NULL,
      explicit_from boolean NOT NULL,
      effective_to timestamptz,
      destination text NOT NULL,
      price_per_minute numeric(20, 8) NOT NULL,
      connect_fee numeric(20, 8) NOT NULL,
      first_interval int NOT NULL,
      next_interval int NOT NULL,
      min_charge numeric(20, 6) NOT NULL,
      free_seconds int NOT NULL,
      no_charge_below_seconds int NOT NULL,
      rounding_mode rounding_mode NOT NULL,
      rounding_decimals smallint NOT NULL,
      rate_id uuid
    )`);
}

export async function dropStagingTable(client: PoolClient): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
}

/** Streams rows into the staging table with COPY FROM STDIN, in text format. */
export async function copyIntoStaging(client: PoolClient, chunks: AsyncIterable<string>): Promise<void> {
  const copy = client.query(copyFrom(`COPY ${STAGING_TABLE} (${COPIED.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), copy);
}

/** One staging row as a line of COPY's text format. */
export function copyLine(rate: StagedRate): string {
  return [
    rate.line,
    rate.prefix,
    rate.periodId ?? '\\N',
    isoText(rate.effectiveFrom),
    rate.explicitFrom ? 't' : 'f',
    rate.effectiveTo ? isoText(rate.effectiveTo) : '\\N',
    copyText(rate.destination),
    rate.pricePerMinute,
    rate.connectFee,
    rate.firstInterval,
    rate.nextInterval,
    rate.minCharge,
    rate.freeSeconds,
    rate.noChargeBelowSeconds,
    rate.roundingMode,
    rate.roundingDecimals,
  ].join('\t');
}

// Most rows start at the import's date, the same Date: written out once, not a million times.
let lastDate: Date | undefined;
let lastIso = '';
function isoText(date: Date): string {
  if (date !== lastDate) {
    lastDate = date;
    lastIso = date.toISOString();
  }
  return lastIso;
}

function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/**
 * Records every row that repeats an earlier row's prefix, period and start (its own effective_from, or
 * the import's date) as a problem of the import; answers how many there were.
 */
export async function recordDuplicates(
  client: PoolClient,
  importId: string,
  tenantId: string,
): Promise<number> {
  const result = await client.query(
    `INSERT INTO rate_deck_import_problems (tenant_id, import_id, line, field, reason, value)
     SELECT $1, $2, line, 'prefix',
            'duplicate of line ' || first_line || ': same prefix, period and effective_from', prefix
     FROM (SELECT line, prefix,
                  min(line) OVER (PARTITION BY prefix, period_id, effective_from) AS first_line
           FROM ${STAGING_TABLE}) rows
     WHERE line <> first_line`,
    [tenantId, importId],
  );
  return result.rowCount ?? 0;
}

/** What applying the staged rows did. */
export interface AppliedDeck {
  created: number;
  updated: number;
  ended: number;
  deleted: number;
  unchanged: number;
}

export interface ApplyTarget {
  rateCardId: string;
  tenantId: string;
  effectiveFrom: Date;
  /** replace: every prefix of the card is covered; merge: only the file's. */
  merge: boolean;
}

// period_id may be null: compared through a sentinel so the joins stay hash joins.
const NO_PERIOD = `'00000000-0000-0000-0000-000000000000'::uuid`;
const samePeriod = (a: string, b: string) =>
  `coalesce(${a}.period_id, ${NO_PERIOD}) = coalesce(${b}.period_id, ${NO_PERIOD})`;
const termsOf = (alias: string) => TERMS.map((column) => `${alias}.${column}`).join(', ');

/**
 * Writes the staged rows into the card, in the caller's transaction, after the card row is locked:
 *
 * 1. a row without its own effective_from whose terms equal the rate in force at the import's date
 *    is that rate (nothing changes for it): re-importing a file changes nothing;
 * 2. the other rows match existing rates by prefix, period and start;
 * 3. covered rates the file does not have end at the import's date, or go if they start at or after it;
 * 4. matched rates whose terms or end differ are updated;
 * 5. the rest is inserted, in chunks (reported through `onWritten`).
 */
export async function applyStagedRows(
  client: PoolClient,
  target: ApplyTarget,
  onWritten: (written: number, staged: number) => Promise<void>,
): Promise<AppliedDeck> {
  const { rateCardId: card, effectiveFrom: at } = target;
  // Every join below pairs whole sets (the file with the card): a nested loop is never right, and the
  // planner's estimates on a fresh temporary table can make it pick one that runs for minutes.
  await client.query('SET LOCAL enable_nestloop = off');
  await client.query(`ANALYZE ${STAGING_TABLE}`);
  await client.query(
    `UPDATE ${STAGING_TABLE} s SET effective_from = r.effective_from, rate_id = r.id
     FROM (SELECT DISTINCT ON (prefix, period_id) id, prefix, period_id, effective_from, ${TERMS.join(', ')}
           FROM rates
           WHERE rate_card_id = $1 AND effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)
           ORDER BY prefix, period_id, effective_from DESC) r
     WHERE NOT s.explicit_from AND r.prefix = s.prefix AND ${samePeriod('r', 's')}
       AND (${termsOf('r')}) IS NOT DISTINCT FROM (${termsOf('s')})`,
    [card, at],
  );
  // A row of the file that names that rate's start itself claims it: the other row starts at the date.
  const { rows: explicit } = await client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${STAGING_TABLE} WHERE explicit_from) AS any`,
  );
  if (explicit[0]!.any)
    await client.query(
      `UPDATE ${STAGING_TABLE} s SET effective_from = $1, rate_id = NULL
     WHERE NOT s.explicit_from AND s.rate_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM ${STAGING_TABLE} x
                   WHERE x.explicit_from AND x.prefix = s.prefix AND ${samePeriod('x', 's')}
                     AND x.effective_from = s.effective_from)`,
      [at],
    );
  await client.query(
    `UPDATE ${STAGING_TABLE} s SET rate_id = r.id FROM rates r
     WHERE s.rate_id IS NULL AND r.rate_card_id = $1 AND r.prefix = s.prefix AND ${samePeriod('r', 's')}
       AND r.effective_from = s.effective_from`,
    [card],
  );
  const uncovered = `NOT EXISTS (SELECT 1 FROM ${STAGING_TABLE} s WHERE s.rate_id = r.id)${
    target.merge
      ? ` AND EXISTS (SELECT 1 FROM ${STAGING_TABLE} s WHERE s.prefix = r.prefix AND ${samePeriod('s', 'r')})`
      : ''
  }`;
  const deleted = await client.query(
    `DELETE FROM rates r WHERE r.rate_card_id = $1 AND r.effective_from >= $2 AND ${uncovered}`,
    [card, at],
  );
  const ended = await client.query(
    `UPDATE rates r SET effective_to = $2, updated_at = now()
     WHERE r.rate_card_id = $1 AND r.effective_from < $2 AND (r.effective_to IS NULL OR r.effective_to > $2)
       AND ${uncovered}`,
    [card, at],
  );
  const updated = await client.query(
    `UPDATE rates r SET ${TERMS.map((column) => `${column} = s.${column}`).join(', ')},
            effective_to = s.effective_to, updated_at = now()
     FROM ${STAGING_TABLE} s
     WHERE s.rate_id = r.id AND (${termsOf('r')}, r.effective_to) IS DISTINCT FROM (${termsOf('s')}, s.effective_to)`,
  );
  const staged = await stagedCount(client);
  const created = await insertNewRows(client, target, staged, updated.rowCount ?? 0, onWritten);
  return {
    created,
    updated: updated.rowCount ?? 0,
    ended: ended.rowCount ?? 0,
    deleted: deleted.rowCount ?? 0,
    unchanged: staged - created - (updated.rowCount ?? 0),
  };
}

const INSERT_CHUNK = 100_000;

async function insertNewRows(
  client: PoolClient,
  target: ApplyTarget,
  staged: number,
  alreadyWritten: number,
  onWritten: (written: number, staged: number) => Promise<void>,
): Promise<number> {
  const { rows } = await client.query<{ first: number | null; last: number | null }>(
    `SELECT min(line) AS first, max(line) AS last FROM ${STAGING_TABLE} WHERE rate_id IS NULL`,
  );
  const { first, last } = rows[0]!;
  if (first === null || last === null) return 0;
  // Each chunk then reads its own lines, not the whole table again.
  await client.query(`CREATE INDEX ON ${STAGING_TABLE} (line) WHERE rate_id IS NULL`);
  let created = 0;
  const ids = rateIdHead(Date.now());
  // Chunks by line range: one statement per chunk, so progress shows while a big deck is written.
  for (let from = first; from <= last; from += INSERT_CHUNK) {
    const result = await client.query(
      `INSERT INTO rates (id, tenant_id, rate_card_id, period_id, prefix, effective_from, effective_to, ${TERMS.join(', ')})
       SELECT ($5 || lpad(to_hex(line), 12, '0'))::uuid, $1, $2, period_id, prefix, effective_from, effective_to,
              ${TERMS.join(', ')}
       FROM ${STAGING_TABLE} WHERE rate_id IS NULL AND line >= $3 AND line < $4`,
      [target.tenantId, target.rateCardId, from, from + INSERT_CHUNK, ids],
    );
    created += result.rowCount ?? 0;
    await onWritten(alreadyWritten + created, staged);
  }
  return created;
}

/**
 * The first 24 characters of the new rates' ids, UUIDv7 (RFC 9562): the import's time in milliseconds,
 * 26 random bits, and the file's line number in the last 48 bits. Ids in line order keep the primary
 * key's inserts at the right edge of its index: random ids (the column default) cost a 1,000,000-row
 * import about a third of its insert (bench/RESULTS.md, issue 5). Two imports would share ids only
 * within the same millisecond and the same 26 random bits; the insert would then fail and the job retry.
 */
export function rateIdHead(now: number, random = randomBytes(4)): string {
  const time = now.toString(16).padStart(12, '0');
  const randA = (random.readUInt16BE(0) & 0x0fff).toString(16).padStart(3, '0');
  const randB = (0x8000 | (random.readUInt16BE(2) & 0x3fff)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${randB}-`;
}

async function stagedCount(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${STAGING_TABLE}`);
  return rows[0]!.n;
}
