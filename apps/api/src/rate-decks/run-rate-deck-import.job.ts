import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  RateCard,
  RateDeckImport,
  RateDeckImportProblem,
  RateDeckImportStatus,
  RatePeriod,
} from '@tollgate/db';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { TimeZoneClock } from '@tollgate/rating';
import { columnPositions, type RateDeckMapping } from './rate-deck-columns';
import {
  SpreadsheetReader,
  type SpreadsheetRecord,
  UnreadableFileError,
} from '../uploads/spreadsheet-reader';
import { cellText, parseRateDeckRow, type RowContext } from './rate-deck-row';
import { RATE_DECK_SETTINGS, type RateDeckSettings } from './rate-deck-settings';
import {
  applyStagedRows,
  copyIntoStaging,
  copyLine,
  createStagingTable,
  dropStagingTable,
  recordDuplicates,
} from './rate-deck-staging';
import { uploadPath } from './rate-deck-uploads';
import { ImportProblemSink } from '../uploads/import-problems';
import { requesterActor } from '../uploads/import-requester';
import { importPercent } from './import-percent';

const FINAL = new Set([
  RateDeckImportStatus.Completed,
  RateDeckImportStatus.Rejected,
  RateDeckImportStatus.Failed,
]);
const LINES_PER_COPY_CHUNK = 2000;
const PROGRESS_EVERY_MS = 500;

interface StagingOutcome {
  rowsRead: number;
  rowsStaged: number;
  problems: number;
}

/**
 * Runs one import: reads the uploaded file row by row, checks each row and stages the good ones in
 * PostgreSQL; then either rejects the import (every bad row reported, nothing written) or applies it in
 * one transaction that also marks the import completed, so a replayed job finds it done and does nothing.
 */
@Injectable()
export class RunRateDeckImportJob {
  private readonly logger = new Logger(RunRateDeckImportJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly changes: CatalogChanges,
    @Inject(RATE_DECK_SETTINGS) private readonly settings: RateDeckSettings,
  ) {}

  async run(importId: string, { lastAttempt }: { lastAttempt: boolean }): Promise<void> {
    const imports = this.dataSource.getRepository(RateDeckImport);
    const job = await imports.findOneBy({ id: importId });
    if (!job || FINAL.has(job.status)) return;
    const file = uploadPath(this.settings, job);
    try {
      const changed = await this.attempt(job, file);
      if (changed) await this.changes.announce();
      await rm(file, { force: true });
    } catch (error) {
      this.logger.error(`rate deck import ${importId} failed: ${(error as Error).message}`);
      if (!lastAttempt) {
        await imports.update(importId, {
          status: RateDeckImportStatus.Queued,
          error: (error as Error).message,
        });
        throw error;
      }
      await this.finish(job, { status: RateDeckImportStatus.Failed, error: (error as Error).message });
      await rm(file, { force: true });
      throw error;
    }
  }

  /** Answers whether the card's rates changed. */
  private async attempt(job: RateDeckImport, file: string): Promise<boolean> {
    const card = await this.dataSource.getRepository(RateCard).findOneBy({ id: job.rateCardId });
    if (!card) {
      await this.finish(job, { status: RateDeckImportStatus.Failed, error: 'the rate card was deleted' });
      return false;
    }
    await this.dataSource.getRepository(RateDeckImportProblem).delete({ importId: job.id });
    await this.progress(job, {
      status: RateDeckImportStatus.Validating,
      startedAt: new Date(),
      rowsRead: 0,
      rowsValidated: 0,
      rowsWritten: 0,
      rowsRejected: 0,
      percent: 0,
      error: null,
    });
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const timer = new PhaseTimer();
      // The checks and joins sort and hash the whole file at once: in memory rather than spilled to disk.
      await client.query(`SET work_mem = '128MB'`);
      await createStagingTable(client);
      const staged = await this.stage(job, card, file, client);
      timer.lap('read');
      const duplicates = await recordDuplicates(client, job.id, job.tenantId);
      timer.lap('checked');
      if (staged.problems + duplicates > 0) {
        await this.reject(job, staged);
        this.logger.log(`rate deck import ${job.id} rejected: ${staged.rowsRead} rows ${timer}`);
        return false;
      }
      await this.progress(job, {
        status: RateDeckImportStatus.Applying,
        rowsValidated: staged.rowsStaged,
        percent: importPercent({ phase: 'applying', done: 0, total: 1 }),
      });
      const changed = await this.apply(job, card, runner, client);
      timer.lap('applied');
      this.logger.log(`rate deck import ${job.id} completed: ${staged.rowsRead} rows ${timer}`);
      return changed;
    } finally {
      await dropStagingTable(client).catch(() => undefined);
      await client.query('RESET work_mem').catch(() => undefined);
      await runner.release();
    }
  }

  private async stage(
    job: RateDeckImport,
    card: RateCard,
    file: string,
    client: PoolClient,
  ): Promise<StagingOutcome> {
    const reader = new SpreadsheetReader(file, job.format, job.delimiter);
    const outcome: StagingOutcome = { rowsRead: 0, rowsStaged: 0, problems: 0 };
    const problems = new ImportProblemSink(this.dataSource, RateDeckImportProblem, {
      tenantId: job.tenantId,
      importId: job.id,
    });
    let lastProgress = Date.now();
    const report = async () => {
      lastProgress = Date.now();
      await this.progress(job, {
        rowsRead: outcome.rowsRead,
        rowsValidated: outcome.rowsStaged,
        percent: importPercent({ phase: 'validating', done: reader.bytesRead, total: job.fileSize }),
      });
    };
    const periodIds = await this.periodIds(card.id);
    const mapping = job.mapping as RateDeckMapping;
    async function* chunks(): AsyncGenerator<string> {
      let lines: string[] = [];
      try {
        const batches = reader.batches();
        const first = await batches.next();
        const header = first.done ? undefined : first.value[0];
        if (!header) {
          await problems.add({
            line: 1,
            field: 'file',
            reason: 'the file is empty: no header row',
            value: null,
          });
          return;
        }
        const columns = columnPositions(
          header.cells.map((cell) => cellText(cell)),
          mapping,
        );
        for (const problem of columns.problems)
          await problems.add({ line: header.line, value: null, ...problem });
        if (columns.problems.length > 0) return;
        const context: RowContext = {
          positions: columns.positions,
          periodIds,
          effectiveFrom: job.effectiveFrom,
          localTime: new TimeZoneClock(card.timezone),
        };
        const stage = async (records: SpreadsheetRecord[]) => {
          for (const record of records) {
            outcome.rowsRead++;
            const rate = parseRateDeckRow(record.line, record.cells, context);
            if (Array.isArray(rate)) for (const problem of rate) await problems.add(problem);
            else {
              lines.push(copyLine(rate));
              outcome.rowsStaged++;
            }
          }
        };
        await stage(first.value!.slice(1));
        for await (const records of batches) {
          await stage(records);
          if (lines.length >= LINES_PER_COPY_CHUNK) {
            yield `${lines.join('\n')}\n`;
            lines = [];
          }
          if (Date.now() - lastProgress > PROGRESS_EVERY_MS) await report();
        }
        if (outcome.rowsRead === 0)
          await problems.add({
            line: header.line,
            field: 'file',
            reason: 'the file has no rates',
            value: null,
          });
      } catch (error) {
        // A file that stops being readable is a bad file, reported like a bad row; COPY ends cleanly.
        if (!(error instanceof UnreadableFileError)) throw error;
        await problems.add({ line: error.line, field: 'file', reason: error.message, value: null });
      }
      if (lines.length > 0) yield `${lines.join('\n')}\n`;
    }
    try {
      await copyIntoStaging(client, chunks());
    } finally {
      reader.close();
    }
    await problems.flush();
    outcome.problems = problems.count;
    await report();
    return outcome;
  }

  private async reject(job: RateDeckImport, staged: StagingOutcome): Promise<void> {
    const [{ lines }] = (await this.dataSource.query(
      'SELECT count(DISTINCT line)::int AS lines FROM rate_deck_import_problems WHERE import_id = $1',
      [job.id],
    )) as [{ lines: number }];
    await this.finish(job, {
      status: RateDeckImportStatus.Rejected,
      rowsRead: staged.rowsRead,
      // A header problem is on the header's line, not a data row's.
      rowsValidated: Math.max(0, staged.rowsRead - lines),
      rowsRejected: Math.min(lines, staged.rowsRead),
    });
  }

  private async apply(
    job: RateDeckImport,
    card: RateCard,
    runner: QueryRunner,
    client: PoolClient,
  ): Promise<boolean> {
    await runner.startTransaction();
    try {
      const locked = (await client.query(
        'SELECT tenant_id FROM rate_cards WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
        [card.id],
      )) as { rowCount: number | null };
      if (!locked.rowCount) {
        await runner.rollbackTransaction();
        await this.finish(job, { status: RateDeckImportStatus.Failed, error: 'the rate card was deleted' });
        return false;
      }
      const outcome = await applyStagedRows(
        client,
        {
          rateCardId: card.id,
          tenantId: card.tenantId,
          effectiveFrom: job.effectiveFrom,
          merge: job.mode === 'merge',
        },
        (written, staged) =>
          this.progress(job, {
            rowsWritten: written,
            percent: importPercent({ phase: 'applying', done: written, total: staged }),
          }),
      );
      const changed = outcome.created + outcome.updated + outcome.ended + outcome.deleted > 0;
      if (changed) {
        await client.query('UPDATE rate_cards SET updated_at = now() WHERE id = $1', [card.id]);
        await this.audit.record(runner.manager, requesterActor(job.requestedBy), {
          action: 'rate_card.import_rate_deck',
          entityType: 'rate_card',
          entityId: card.id,
          tenantId: card.tenantId,
          after: { importId: job.id, mode: job.mode, effectiveFrom: job.effectiveFrom, ...outcome },
        });
      }
      await this.finish(
        job,
        {
          status: RateDeckImportStatus.Completed,
          rowsWritten: outcome.created + outcome.updated,
          outcome,
        },
        runner.manager,
      );
      await runner.commitTransaction();
      return changed;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  }

  private async periodIds(rateCardId: string): Promise<Map<string, string>> {
    const periods = await this.dataSource.getRepository(RatePeriod).find({
      select: { id: true, name: true },
      where: { rateCardId },
    });
    return new Map(periods.map((period) => [period.name.toLowerCase(), period.id]));
  }

  private async progress(job: RateDeckImport, values: Partial<RateDeckImport>): Promise<void> {
    await this.dataSource.getRepository(RateDeckImport).update(job.id, values);
  }

  private async finish(
    job: RateDeckImport,
    values: Partial<RateDeckImport>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .getRepository(RateDeckImport)
      .update(job.id, { ...values, percent: 100, finishedAt: new Date() });
  }
}

/** Seconds spent in each step, for the log line of each import. */
class PhaseTimer {
  private last = performance.now();
  private readonly laps: string[] = [];

  lap(name: string): void {
    const now = performance.now();
    this.laps.push(`${name} in ${((now - this.last) / 1000).toFixed(1)} s`);
    this.last = now;
  }

  toString(): string {
    return this.laps.join(', ');
  }
}
