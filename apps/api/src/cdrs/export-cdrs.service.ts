import { once } from 'node:events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify, type Stringifier } from 'csv-stringify';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { applyCdrFilter, assertVendorVisible } from './cdr-filter';
import { toCdrView, viewerOf, type CdrView } from './cdr-view';
import type { ExportCdrsQueryDto } from './dto/cdr.dto';
import { cdrsInScope } from './list-cdrs.service';

const PAGE_SIZE = 1_000;

const COLUMNS: ReadonlyArray<keyof CdrView> = [
  'id',
  'callId',
  'leg',
  'source',
  'accountId',
  'lineId',
  'trunkServiceId',
  'didId',
  'direction',
  'caller',
  'destination',
  'dialled',
  'startedAt',
  'answeredAt',
  'endedAt',
  'durationSeconds',
  'billedSeconds',
  'disposition',
  'sipCode',
  'endCause',
  'currency',
  'price',
  'liveCharged',
  'ratingStatus',
  'unratedReason',
  'vendorId',
  'vendorTrunkId',
];

/**
 * The CDRs of a search as CSV, oldest first, streamed: read a page at a time by keyset and written as
 * the client takes them, so an export of millions of rows holds one page in memory.
 */
@Injectable()
export class ExportCdrsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Checks the filter before the first byte goes out (a 404 or 400 cannot follow a 200). */
  async export(actor: Actor, query: ExportCdrsQueryDto): Promise<Stringifier> {
    if (query.vendorId) await assertVendorVisible(this.dataSource, actor.scope, query.vendorId);
    const csv = stringify({
      header: true,
      columns: [...COLUMNS],
      cast: { date: (value) => value.toISOString() },
    });
    void this.write(actor, query, csv);
    return csv;
  }

  private async write(actor: Actor, query: ExportCdrsQueryDto, csv: Stringifier): Promise<void> {
    const viewer = viewerOf(actor.scope);
    const repository = cdrsInScope(this.dataSource, actor);
    let cursor: string | undefined;
    try {
      do {
        const page = await repository.list(
          { limit: PAGE_SIZE, cursor, sort: 'startedAt', order: 'asc' },
          (rows) => applyCdrFilter(rows, query),
        );
        for (const cdr of page.data) if (!csv.write(toCdrView(cdr, viewer).view)) await once(csv, 'drain');
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && !csv.destroyed);
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  }
}
