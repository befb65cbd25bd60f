import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cdrsOfJobData } from '@tollgate/cdr';
import { Account } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CdrQueue } from './cdr-queue';

const MAX_LISTED = 500;

/**
 * CDR jobs that failed for good (retries exhausted, or a CDR that can never be stored), with BullMQ's
 * reason: the dead letters, newest first, limited to the accounts the caller may see. cdr-worker queues
 * the CDRs of a failed several-CDR job again one by one, so a dead letter is one CDR; should such a
 * job fail for good anyway (Redis lost while splitting it), each of its CDRs is listed with its reason.
 */
@Injectable()
export class ListDeadLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cdrs: CdrQueue,
  ) {}

  async list(actor: Actor) {
    const failed = await this.cdrs.queue.getFailed(0, MAX_LISTED - 1);
    const jobs = failed.flatMap((job) =>
      cdrsOfJobData(job.data).map((data) => ({ job, data: data as Record<string, unknown> | undefined })),
    );
    const accountOf = (data: unknown): string | null => {
      const id = (data as { accountId?: unknown } | undefined)?.accountId;
      return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
    };
    const accountIds = [...new Set(jobs.map(({ data }) => accountOf(data)).filter((id) => id !== null))];
    const visible = new Set(
      accountIds.length === 0
        ? []
        : (
            await new ScopedRepository(this.dataSource.manager, Account, actor.scope, {
              label: 'account',
              endUserColumn: 'id',
            })
              .query()
              .andWhere('row.id IN (:...accountIds)', { accountIds })
              .withDeleted()
              .select('row.id')
              .getMany()
          ).map((account) => account.id),
    );
    const data = jobs
      .filter(({ data }) => {
        const accountId = accountOf(data);
        return accountId !== null && visible.has(accountId);
      })
      .map(({ job, data }) => ({
        jobId: job.id ?? '',
        callId: typeof data?.callId === 'string' ? data.callId : null,
        accountId: accountOf(data),
        reason: job.failedReason,
        attempts: job.attemptsMade,
        failedAt: job.finishedOn === undefined ? null : new Date(job.finishedOn),
      }));
    return { data };
  }
}
