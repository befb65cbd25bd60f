import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, AccountStatus, PortingRequest, PortingStatus } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail, changedFields } from '../audit/audit-trail';
import { ConflictError, NotFoundError } from '../http/domain-errors';
import { type Page, paginate } from '../tenancy/pagination';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreatePortingRequestDto,
  ListPortingRequestsQueryDto,
  UpdatePortingRequestDto,
} from './dto/porting-request.dto';
import { recordPortingStep } from './porting-history';
import { type PortingRequestView, toPortingRequestView } from './porting-request-view';
import { assertStatus, CLOSED_STATUSES, PortingTransitions } from './porting-transitions';
import { ScopedPortingRequests } from './scoped-porting-requests';

/** Porting requests themselves: created as drafts, edited while drafts, read, annotated. */
@Injectable()
export class PortingRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resources: TenantResources,
    private readonly transitions: PortingTransitions,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, query: ListPortingRequestsQueryDto): Promise<Page<PortingRequestView>> {
    const rows = new ScopedPortingRequests(this.dataSource.manager, actor.scope).query();
    if (query.direction) rows.andWhere('row.direction = :direction', { direction: query.direction });
    if (query.status) rows.andWhere('row.status = :status', { status: query.status });
    if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
    if (query.number) rows.andWhere(':number = ANY(row.numbers)', { number: query.number });
    const page = await paginate(rows, query);
    return { ...page, data: page.data.map(toPortingRequestView) };
  }

  async get(actor: Actor, id: string): Promise<PortingRequestView> {
    return toPortingRequestView(
      await new ScopedPortingRequests(this.dataSource.manager, actor.scope).find(id),
    );
  }

  /** A draft for an account of the caller's scope (an end user: its own), of the account's tenant. */
  async create(actor: Actor, input: CreatePortingRequestDto): Promise<PortingRequestView> {
    const created = await this.resources.transaction(async (manager) => {
      const account = await new ScopedRepository(manager, Account, actor.scope, {
        label: 'account',
        endUserColumn: 'id',
      })
        .query()
        .andWhere('row.id = :accountId', { accountId: input.accountId })
        .setLock('pessimistic_read')
        .getOne();
      if (!account) throw new NotFoundError('account');
      if (account.status === AccountStatus.Closed)
        throw new ConflictError('the account is closed: reopen it first', 'accountId');
      const repository = manager.getRepository(PortingRequest);
      const request = await repository.save(
        repository.create({
          tenantId: account.tenantId,
          accountId: account.id,
          direction: input.direction,
          status: PortingStatus.Draft,
          numbers: input.numbers,
          country: input.country,
          losingCarrier: input.losingCarrier,
          gainingCarrier: input.gainingCarrier,
          requestedDate: input.requestedDate ?? null,
          notes: input.notes ?? null,
          createdByUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
        }),
      );
      await recordPortingStep(manager, actor, request, {
        event: 'created',
        fromStatus: null,
        toStatus: PortingStatus.Draft,
      });
      await this.audit.record(manager, actor, {
        action: 'porting-request.create',
        entityType: 'porting-request',
        entityId: request.id,
        tenantId: request.tenantId,
        after: request,
      });
      return request;
    });
    return toPortingRequestView(created);
  }

  /** Only a draft changes: once submitted, the carriers work from what was sent. */
  async update(actor: Actor, id: string, input: UpdatePortingRequestDto): Promise<PortingRequestView> {
    const updated = await this.transitions.apply(actor, id, async (current) => {
      assertStatus(current, 'changed', [PortingStatus.Draft]);
      const changes = changedFields(current, { ...current, ...input });
      return {
        action: 'porting-request.update',
        changes: input,
        step: { event: 'updated', details: { changes } },
      };
    });
    return toPortingRequestView(updated);
  }

  /** A note in the history, at any status (closed requests too: the after-care is part of the record). */
  async addNote(actor: Actor, id: string, note: string): Promise<PortingRequestView> {
    const request = await this.transitions.apply(actor, id, async () => ({
      action: 'porting-request.note',
      changes: {},
      step: { event: 'note', note },
    }));
    return toPortingRequestView(request);
  }
}

export function isClosed(request: PortingRequest): boolean {
  return CLOSED_STATUSES.has(request.status);
}
