import { PassThrough, pipeline, Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateCard, RateDeckFormat } from '@tollgate/db';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { RATE_CARDS } from '../rate-cards/rate-card-resources';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { ExportRateDeckQueryDto } from './dto/rate-deck.dto';
import { RATE_DECK_FIELDS, type RateDeckField, resolveMapping } from './rate-deck-columns';

const ROWS_PER_FETCH = 5000;
// An XLSX sheet holds 1,048,576 rows, the header included.
const XLSX_MAX_RATES = 1_048_575;

export interface RateDeckExport {
  stream: Readable;
  fileName: string;
  contentType: string;
}

type ExportedRow = Record<RateDeckField, string | null>;

/**
 * A card's rates as a deck file, in the columns and header names an import reads (the same mapping),
 * streamed from a database cursor: importing the export changes nothing.
 */
@Injectable()
export class ExportRateDeckService {
  private readonly logger = new Logger(ExportRateDeckService.name);
  private readonly cards: TenantResource<RateCard>;

  constructor(
    resources: TenantResources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.cards = resources.of(RateCard, RATE_CARDS);
  }

  async export(actor: Actor, rateCardId: string, query: ExportRateDeckQueryDto): Promise<RateDeckExport> {
    const card = await this.cards.get(actor, rateCardId);
    const mapping = resolveMapping(query.mapping);
    const header = RATE_DECK_FIELDS.map((field) => mapping[field]);
    const rows = this.rows(card.id, query.activeAt);
    const baseName = card.name.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'rates';
    if (query.format === RateDeckFormat.Csv) {
      const csv = stringify({ header: true, columns: header, delimiter: query.delimiter });
      // pipeline: a client that goes away destroys the source too, which closes the cursor.
      pipeline(
        Readable.from(rows).map((row: ExportedRow) => RATE_DECK_FIELDS.map((field) => row[field] ?? '')),
        csv,
        (error) => {
          if (error) this.logger.warn(`CSV export of rate card ${card.id} stopped: ${error.message}`);
        },
      );
      return { stream: csv, fileName: `${baseName}.csv`, contentType: 'text/csv; charset=utf-8' };
    }
    const output = new PassThrough();
    this.writeXlsx(header, rows, output).catch((error: Error) => {
      this.logger.error(`XLSX export of rate card ${card.id} failed: ${error.message}`);
      output.destroy(error);
    });
    return {
      stream: output,
      fileName: `${baseName}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  private async writeXlsx(header: string[], rows: AsyncIterable<ExportedRow>, output: PassThrough) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet('rates');
    sheet.addRow(header).commit();
    let count = 0;
    for await (const row of rows) {
      if (output.destroyed) throw new Error('the client went away');
      if (++count > XLSX_MAX_RATES) throw new Error(`more than ${XLSX_MAX_RATES} rates: export as CSV`);
      sheet.addRow(RATE_DECK_FIELDS.map((field) => xlsxValue(field, row[field]))).commit();
      // Let the zip stream drain before the next batch of rows piles up.
      if (output.writableNeedDrain) await new Promise((resolve) => output.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  }

  /** The card's rates in a stable order (prefix, period, start), read through a cursor in one snapshot. */
  private async *rows(rateCardId: string, activeAt: Date | undefined): AsyncGenerator<ExportedRow> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(
        `DECLARE rate_deck_export NO SCROLL CURSOR FOR
         SELECT r.prefix, r.destination, r.price_per_minute::text, r.connect_fee::text, r.first_interval,
                r.next_interval, r.min_charge::text, r.free_seconds, r.no_charge_below_seconds,
                r.rounding_mode::text, r.rounding_decimals, r.effective_from, r.effective_to, p.name AS period
         FROM rates r LEFT JOIN rate_periods p ON p.id = r.period_id
         WHERE r.rate_card_id = $1
           AND ($2::timestamptz IS NULL OR (r.effective_from <= $2 AND (r.effective_to IS NULL OR r.effective_to > $2)))
         ORDER BY r.prefix, p.name NULLS FIRST, r.effective_from`,
        [rateCardId, activeAt ?? null],
      );
      for (;;) {
        const batch = (await runner.query(`FETCH ${ROWS_PER_FETCH} FROM rate_deck_export`)) as DatabaseRate[];
        for (const rate of batch) yield exported(rate);
        if (batch.length < ROWS_PER_FETCH) break;
      }
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

interface DatabaseRate {
  prefix: string;
  destination: string | null;
  price_per_minute: string;
  connect_fee: string;
  first_interval: number;
  next_interval: number;
  min_charge: string;
  free_seconds: number;
  no_charge_below_seconds: number;
  rounding_mode: string;
  rounding_decimals: number;
  effective_from: Date;
  effective_to: Date | null;
  period: string | null;
}

function exported(rate: DatabaseRate): ExportedRow {
  return {
    prefix: rate.prefix,
    destination: rate.destination,
    pricePerMinute: plainDecimal(rate.price_per_minute),
    connectFee: plainDecimal(rate.connect_fee),
    firstInterval: String(rate.first_interval),
    nextInterval: String(rate.next_interval),
    minCharge: plainDecimal(rate.min_charge),
    freeSeconds: String(rate.free_seconds),
    noChargeBelowSeconds: String(rate.no_charge_below_seconds),
    roundingMode: rate.rounding_mode,
    roundingDecimals: String(rate.rounding_decimals),
    effectiveFrom: rate.effective_from.toISOString(),
    effectiveTo: rate.effective_to ? rate.effective_to.toISOString() : null,
    period: rate.period,
  };
}

/** "0.01250000" → "0.0125": the numeric column's scale padding, not part of the price. */
function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

const NUMERIC_FIELDS = new Set<RateDeckField>([
  'pricePerMinute',
  'connectFee',
  'minCharge',
  'firstInterval',
  'nextInterval',
  'freeSeconds',
  'noChargeBelowSeconds',
  'roundingDecimals',
]);

/**
 * Numbers as spreadsheet numbers when a double holds them exactly as written (15 significant digits:
 * they read back as the same decimal), otherwise as text; prefixes and dates always as text.
 */
function xlsxValue(field: RateDeckField, value: string | null): string | number | null {
  if (value === null) return null;
  if (!NUMERIC_FIELDS.has(field)) return value;
  return value.replace(/[.-]/g, '').replace(/^0+/, '').length <= 15 ? Number(value) : value;
}
