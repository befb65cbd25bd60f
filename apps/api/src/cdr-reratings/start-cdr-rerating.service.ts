import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, CdrRerating, CdrReratingStatus, RateCard } from '@tollgate/db';
import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { CdrReratingQueue } from './cdr-rerating-queue';
import type { StartCdrReratingDto } from './dto/cdr-rerating.dto';

/**
 * `POST /cdr-reratings`: records a rerating of the caller's subtree (narrowed to one of its accounts or
 * one of its rate cards) and queues it for cdr-worker. An account or card outside the caller's scope
 * reads as unknown, like everywhere else.
 */
@Injectable()
export class StartCdrReratingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly queue: CdrReratingQueue,
  ) {}

  async start(actor: Actor, input: StartCdrReratingDto): Promise<CdrRerating> {
    if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot rerate CDRs');
    if (input.accountId) await this.assertInScope(actor, Account, 'account', input.accountId, 'accountId');
    if (input.rateCardId)
      await this.assertInScope(actor, RateCard, 'rate card', input.rateCardId, 'rateCardId');
    const created = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(CdrRerating);
      const rerating = await repository.save(
        repository.create({
          tenantId: actor.scope.tenantId,
          accountId: input.accountId ?? null,
          rateCardId: input.rateCardId ?? null,
          mode: input.mode,
          fromTime: input.from,
          toTime: input.to,
          status: CdrReratingStatus.Queued,
          requestedBy: {
            kind: actor.principal.kind,
            id: actor.principal.id,
            tenantId: actor.principal.tenantId,
            tenantPath: actor.principal.tenantPath,
            requestId: actor.requestId,
          },
        }),
      );
      await this.audit.record(manager, actor, {
        action: 'cdr_rerating.create',
        entityType: 'cdr_rerating',
        entityId: rerating.id,
        tenantId: rerating.tenantId,
        before: null,
        after: { ...input, id: rerating.id },
      });
      return rerating;
    });
    await this.queue.enqueue(created.id);
    return created;
  }

  private async assertInScope(
    actor: Actor,
    entity: typeof Account | typeof RateCard,
    label: string,
    id: string,
    field: string,
  ): Promise<void> {
    const scoped = new ScopedRepository(this.dataSource.manager, entity, actor.scope, {
      label,
      endUserColumn: null,
    });
    try {
      await scoped.findById(id);
    } catch (error) {
      if (error instanceof NotFoundError) throw new BadRequestError(`no such ${label}`, field);
      throw error;
    }
  }
}
