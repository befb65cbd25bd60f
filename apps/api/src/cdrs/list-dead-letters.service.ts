import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CdrQueue } from './cdr-queue';

const MAX_LISTED = 500;

/**
 * CDR jobs that failed for good (retries exhausted, or a CDR that can never be stored), with BullMQ's
 * reason: the dead letters, newest first, limited to the accounts the caller may see.
 */
@Injectable()
export class ListDeadLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cdrs: CdrQueue,
  ) {}

  async list(actor: Actor) {
    const jobs = await this.cdrs.queue.getFailed(0, MAX_LISTED - 1);
    const accountOf = (data: unknown): string | null => {
      const id = (data as { accountId?: unknown } | undefined)?.accountId;
      return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
    };
    const accountIds = [...new Set(jobs.map((job) => accountOf(job.data)).filter((id) => id !== null))];
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
      .filter((job) => {
        const accountId = accountOf(job.data);
        return accountId !== null && visible.has(accountId);
      })
      .map((job) => ({
        jobId: job.id ?? '',
        callId: typeof job.data?.callId === 'string' ? (job.data.callId as string) : null,
        accountId: accountOf(job.data),
        reason: job.failedReason,
        attempts: job.attemptsMade,
        failedAt: job.finishedOn === undefined ? null : new Date(job.finishedOn),
      }));
    return { data };
  }
}
