import { rm } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  cdrJobSchema,
  switchCdrReader,
  type CdrFileMapping,
  type CdrFileProblem,
  type CdrJob,
  type SwitchCdr,
  type SwitchCdrReader,
} from '@tollgate/cdr';
import { CdrImport, CdrImportFormat, CdrImportProblem, CdrImportStatus, RateDeckFormat } from '@tollgate/db';
import type { DataSource } from 'typeorm';
import { CdrQueue } from '../cdrs/cdr-queue';
import { ImportProblemSink } from '../uploads/import-problems';
import { requesterActor } from '../uploads/import-requester';
import { SpreadsheetReader, UnreadableFileError } from '../uploads/spreadsheet-reader';
import { CdrImportIdentities, type IdentityFields } from './cdr-import-identities';
import { CDR_IMPORT_SETTINGS, cdrUploadPath, type CdrImportSettings } from './cdr-import-settings';

const FINAL = new Set([CdrImportStatus.Completed, CdrImportStatus.Rejected, CdrImportStatus.Failed]);
/** Calls identified and queued together: one query per identification kind, one Redis round trip. */
const CALLS_PER_CHUNK = 1000;
const PROGRESS_EVERY_MS = 500;

const IDENTITY_FIELDS: Record<CdrImportFormat, IdentityFields> = {
  [CdrImportFormat.KamailioAcc]: { line: 'src_user', sourceIp: 'src_ip', accountCode: 'src_user' },
  [CdrImportFormat.Generic]: { line: 'line', sourceIp: 'sourceIp', accountCode: 'accountCode' },
};

type Phase = 'validating' | 'enqueuing';

interface PassOutcome {
  rowsRead: number;
  rowsSkipped: number;
  /** Calls that passed every check (validating) or were queued (enqueuing). */
  calls: number;
  /** Rows with at least one problem. */
  rowsRejected: number;
}

/**
 * Runs one CDR file import in two passes over the file, so no file is ever held in memory: the first
 * reads and checks every row (fields, duplicates, the account in the importer's subtree) and records
 * every problem; a file with any problem is rejected whole and nothing is queued. The second pass reads
 * it again and hands the calls to the CDR queue a chunk at a time, under the Call-ID + leg job id of
 * every source: a call already stored (from `end`, the REST ingest or an earlier import) changes nothing,
 * and a replayed job queues nothing new.
 */
@Injectable()
export class RunCdrImportJob {
  private readonly logger = new Logger(RunCdrImportJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cdrs: CdrQueue,
    @Inject(CDR_IMPORT_SETTINGS) private readonly settings: CdrImportSettings,
  ) {}

  async run(importId: string, { lastAttempt }: { lastAttempt: boolean }): Promise<void> {
    const imports = this.dataSource.getRepository(CdrImport);
    const job = await imports.findOneBy({ id: importId });
    if (!job || FINAL.has(job.status)) return;
    const file = cdrUploadPath(this.settings, job.id);
    try {
      await this.attempt(job, file);
      await rm(file, { force: true });
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(`CDR import ${importId} failed: ${message}`);
      if (!lastAttempt) {
        await imports.update(importId, { status: CdrImportStatus.Queued, error: message });
        throw error;
      }
      await this.finish(job, { status: CdrImportStatus.Failed, error: message });
      await rm(file, { force: true });
      throw error;
    }
  }

  private async attempt(job: CdrImport, file: string): Promise<void> {
    await this.dataSource.getRepository(CdrImportProblem).delete({ importId: job.id });
    await this.progress(job, {
      status: CdrImportStatus.Validating,
      startedAt: new Date(),
      rowsRead: 0,
      rowsSkipped: 0,
      rowsValidated: 0,
      rowsEnqueued: 0,
      rowsRejected: 0,
      percent: 0,
      error: null,
    });
    const checked = await this.pass(job, file, 'validating');
    if (checked.rowsRejected > 0) {
      await this.finish(job, { status: CdrImportStatus.Rejected, ...counts(checked, 'validating') });
      this.logger.log(`CDR import ${job.id} rejected: ${checked.rowsRejected} bad rows`);
      return;
    }
    await this.progress(job, {
      status: CdrImportStatus.Enqueuing,
      ...counts(checked, 'validating'),
      percent: 50,
    });
    const queued = await this.pass(job, file, 'enqueuing');
    if (queued.rowsRejected > 0)
      // A line, trunk or account changed between the passes; the calls already queued stay queued.
      throw new Error(`${queued.rowsRejected} rows no longer pass their checks: import the file again`);
    await this.finish(job, { status: CdrImportStatus.Completed, rowsEnqueued: queued.calls });
    this.logger.log(`CDR import ${job.id} completed: ${queued.calls} calls queued`);
  }

  private async pass(job: CdrImport, file: string, phase: Phase): Promise<PassOutcome> {
    const source = new SpreadsheetReader(file, RateDeckFormat.Csv, job.delimiter);
    const outcome: PassOutcome = { rowsRead: 0, rowsSkipped: 0, calls: 0, rowsRejected: 0 };
    const problems = new ImportProblemSink(this.dataSource, CdrImportProblem, {
      tenantId: job.tenantId,
      importId: job.id,
    });
    const report = async (row: CdrFileProblem | Omit<CdrFileProblem, 'line'>, line: number) => {
      // The enqueuing pass only counts: its problems were recorded by the first.
      if (phase === 'validating') await problems.add({ line, ...row });
    };
    const identities = new CdrImportIdentities(
      this.dataSource,
      requesterActor(job.requestedBy).scope,
      IDENTITY_FIELDS[job.format],
    );
    const firstLine = new Map<string, number>();
    let chunk: SwitchCdr[] = [];
    const flush = async () => {
      const jobs = await this.checkChunk(chunk, identities, report, outcome);
      chunk = [];
      if (phase === 'enqueuing' && jobs.length > 0) await this.cdrs.enqueueMany(jobs);
      outcome.calls += jobs.length;
    };
    let lastProgress = Date.now();
    try {
      const records = source.records();
      const header = await records.next();
      if (header.done) {
        await report({ field: 'file', reason: 'the file is empty: no header row', value: null }, 1);
        outcome.rowsRejected++;
        return outcome;
      }
      const reader = switchCdrReader(
        job.format,
        texts(header.value.cells),
        job.mapping as Partial<CdrFileMapping>,
      );
      if ('problems' in reader) {
        for (const problem of reader.problems) await report({ ...problem, value: null }, header.value.line);
        outcome.rowsRejected++;
        return outcome;
      }
      for await (const record of records) {
        outcome.rowsRead++;
        await this.readRow(reader, record.line, texts(record.cells), firstLine, report, outcome, chunk);
        if (chunk.length >= CALLS_PER_CHUNK) await flush();
        if (Date.now() - lastProgress > PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          await this.progress(job, {
            ...counts(outcome, phase),
            percent: percentOf(phase, source.bytesRead, job.fileSize),
          });
        }
      }
      if (chunk.length > 0) await flush();
      if (outcome.rowsRead === 0) {
        await report({ field: 'file', reason: 'the file has no rows below its header', value: null }, 1);
        outcome.rowsRejected++;
      }
    } catch (error) {
      // A file that stops being readable is a bad file, reported like a bad row.
      if (!(error instanceof UnreadableFileError)) throw error;
      await report({ field: 'file', reason: error.message, value: null }, error.line);
      outcome.rowsRejected++;
    } finally {
      source.close();
      await problems.flush();
    }
    return outcome;
  }

  private async readRow(
    reader: SwitchCdrReader,
    line: number,
    cells: string[],
    firstLine: Map<string, number>,
    report: (problem: CdrFileProblem, line: number) => Promise<void>,
    outcome: PassOutcome,
    chunk: SwitchCdr[],
  ): Promise<void> {
    const row = reader.read(line, cells);
    if (row.kind === 'skipped') {
      outcome.rowsSkipped++;
      return;
    }
    if (row.kind === 'bad') {
      for (const problem of row.problems) await report(problem, line);
      outcome.rowsRejected++;
      return;
    }
    const key = `${row.cdr.leg}\n${row.cdr.callId}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      const reason = `repeats the Call-ID and leg of line ${first}`;
      await report({ line, field: 'callId', reason, value: row.cdr.callId.slice(0, 200) }, line);
      outcome.rowsRejected++;
      return;
    }
    firstLine.set(key, line);
    chunk.push(row.cdr);
  }

  /** Identifies a chunk's calls; answers the CDR jobs of those that pass, reporting the others. */
  private async checkChunk(
    calls: readonly SwitchCdr[],
    identities: CdrImportIdentities,
    report: (problem: CdrFileProblem, line: number) => Promise<void>,
    outcome: PassOutcome,
  ): Promise<CdrJob[]> {
    const identified = await identities.identify(calls);
    const jobs: CdrJob[] = [];
    for (const [index, call] of calls.entries()) {
      const who = identified[index]!;
      if ('reason' in who) {
        await report(who, call.line);
        outcome.rowsRejected++;
        continue;
      }
      const { line: _line, identity: _identity, ...fields } = call;
      const parsed = cdrJobSchema.safeParse({
        ...fields,
        ...who,
        source: 'file-import',
        direction: 'outbound',
      });
      if (parsed.success) jobs.push(parsed.data);
      else {
        for (const issue of parsed.error.issues)
          await report(
            { line: call.line, field: issue.path.join('.'), reason: issue.message, value: null },
            call.line,
          );
        outcome.rowsRejected++;
      }
    }
    return jobs;
  }

  private async progress(job: CdrImport, values: Partial<CdrImport>): Promise<void> {
    await this.dataSource.getRepository(CdrImport).update(job.id, values);
  }

  private async finish(job: CdrImport, values: Partial<CdrImport>): Promise<void> {
    await this.progress(job, { ...values, percent: 100, finishedAt: new Date() });
  }
}

function counts(outcome: PassOutcome, phase: Phase): Partial<CdrImport> {
  return {
    rowsRead: outcome.rowsRead,
    rowsSkipped: outcome.rowsSkipped,
    rowsRejected: outcome.rowsRejected,
    ...(phase === 'validating' ? { rowsValidated: outcome.calls } : { rowsEnqueued: outcome.calls }),
  };
}

/** Checking the file is the first half, queueing its calls the second (by bytes read). */
function percentOf(phase: Phase, bytesRead: number, fileSize: number): number {
  const fraction = fileSize > 0 ? Math.min(1, bytesRead / fileSize) : 1;
  return Math.floor((phase === 'validating' ? 0 : 50) + fraction * 49);
}

function texts(cells: readonly unknown[]): string[] {
  return cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
}
