import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cdrJobSchema, type CdrJob } from '@tollgate/cdr';
import { Account, Vendor, VendorTrunk } from '@tollgate/db';
import { ZodValidationException } from 'nestjs-zod';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '../audit/actor';
import { BadRequestError, ForbiddenError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CdrQueue } from './cdr-queue';

export const MAX_INGEST_LINES = 10_000;

/** An integrator's CDR: the queue's payload without what only the live path knows. */
const ingestLineSchema = cdrJobSchema.omit({ source: true, rate: true, liveCharged: true }).strict();

/**
 * `POST /cdrs/ingest`: JSON lines, one CDR each. All or nothing: every line is checked (fields, the
 * account and vendor in the caller's scope) and every bad one reported as `lines.<n>.<field>` before
 * anything is queued. Queued under the same Call-ID + leg key as the live path, so a CDR sent again,
 * or also sent by the switch, is stored and charged once.
 */
@Injectable()
export class IngestCdrsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: CdrQueue,
  ) {}

  async ingest(actor: Actor, body: string): Promise<{ accepted: number }> {
    if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot send CDRs');
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) throw new BadRequestError('no CDR: send one JSON object per line', '(body)');
    if (lines.length > MAX_INGEST_LINES)
      throw new BadRequestError(`at most ${MAX_INGEST_LINES} lines per request`, '(body)');
    const issues: z.core.$ZodIssue[] = [];
    const jobs: Array<{ index: number; job: CdrJob }> = [];
    lines.forEach((line, index) => {
      const parsed = ingestLineSchema.safeParse(parseJson(line));
      if (parsed.success)
        jobs.push({ index, job: { ...parsed.data, source: 'rest', rate: null, liveCharged: null } });
      else
        for (const issue of parsed.error.issues)
          issues.push({ ...issue, path: ['lines', index, ...issue.path] });
    });
    issues.push(...(await this.outOfScope(actor, jobs)));
    if (issues.length > 0) {
      issues.sort((a, b) => Number(a.path[1]) - Number(b.path[1]));
      throw new ZodValidationException(new z.ZodError(issues));
    }
    await this.queue.enqueueMany(jobs.map(({ job }) => job));
    return { accepted: jobs.length };
  }

  /** Accounts and vendors another tenant owns read as unknown, like every other route. */
  private async outOfScope(
    actor: Actor,
    lines: ReadonlyArray<{ index: number; job: CdrJob }>,
  ): Promise<z.core.$ZodIssue[]> {
    const jobs = lines.map(({ job }) => job);
    const visible = async <E extends { id: string; tenantId: string }>(
      entity: new () => E,
      ids: ReadonlyArray<string | null>,
    ): Promise<Set<string>> => {
      const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
      if (wanted.length === 0) return new Set();
      const rows = await new ScopedRepository(this.dataSource.manager, entity, actor.scope, {
        label: 'row',
        endUserColumn: null,
      })
        .query()
        .andWhere({ id: In(wanted) })
        .getMany();
      return new Set(rows.map((row) => row.id));
    };
    const accounts = await visible(
      Account,
      jobs.map((job) => job.accountId),
    );
    const vendors = await visible(
      Vendor,
      jobs.map((job) => job.vendorId),
    );
    const trunks = await visible(
      VendorTrunk,
      jobs.map((job) => job.vendorTrunkId),
    );
    const issues: z.core.$ZodIssue[] = [];
    const unknown = (index: number, field: string, what: string) =>
      issues.push({
        code: 'custom',
        path: ['lines', index, field],
        message: `no such ${what}`,
        input: undefined,
      });
    lines.forEach(({ index, job }) => {
      if (!accounts.has(job.accountId)) unknown(index, 'accountId', 'account');
      if (job.vendorId !== null && !vendors.has(job.vendorId)) unknown(index, 'vendorId', 'vendor');
      if (job.vendorTrunkId !== null && !trunks.has(job.vendorTrunkId))
        unknown(index, 'vendorTrunkId', 'vendor trunk');
    });
    return issues;
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return Symbol('not JSON');
  }
}
