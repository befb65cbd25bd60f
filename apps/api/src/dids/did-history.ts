import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Did, DidEvent, type DidStatus } from '@tollgate/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { type Page, paginate } from '../tenancy/pagination';
import type { ListDidEventsQueryDto } from './dto/did-event.dto';
import { ScopedDids } from './scoped-dids';

/** One step of a number's life, as its history keeps it. */
export interface DidStep {
  event: string;
  fromStatus: DidStatus | null;
  toStatus: DidStatus;
  /** The account the step concerns: the holder after it, or the one that held the number before. */
  accountId: string | null;
  details?: Record<string, unknown>;
}

// 8 columns a row: far below PostgreSQL's 65,535 parameters a statement.
const EVENTS_PER_INSERT = 2000;

/**
 * Appends steps to the history of numbers, in the caller's transaction: a change and its history commit
 * together. `actor` null is the scheduled job. Answers the events written, in order.
 */
export async function recordDidSteps(
  manager: EntityManager,
  actor: Actor | null,
  steps: ReadonlyArray<{ did: Pick<Did, 'id' | 'tenantId'>; step: DidStep }>,
): Promise<DidEvent[]> {
  const author = authorOf(actor);
  const events = steps.map(({ did, step }) =>
    manager.getRepository(DidEvent).create({
      id: randomUUID(),
      tenantId: did.tenantId,
      didId: did.id,
      event: step.event,
      fromStatus: step.fromStatus,
      toStatus: step.toStatus,
      accountId: step.accountId,
      actorUserId: author.userId,
      details: { ...step.details, ...author.details },
    }),
  );
  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT)
    await manager.getRepository(DidEvent).insert(events.slice(start, start + EVENTS_PER_INSERT));
  return events;
}

function authorOf(actor: Actor | null): { userId: string | null; details: Record<string, unknown> } {
  if (actor === null || actor.principal.kind === 'schedule')
    return { userId: null, details: { by: 'schedule' } };
  if (actor.principal.kind === 'api_key') return { userId: null, details: { apiKeyId: actor.principal.id } };
  return { userId: actor.principal.id, details: {} };
}

/** GET /dids/{id}/events: a number's history, oldest first; an end user sees the steps of its own account. */
@Injectable()
export class DidHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, didId: string, query: ListDidEventsQueryDto): Promise<Page<DidEventView>> {
    const manager = this.dataSource.manager;
    await new ScopedDids(manager, actor.scope).find(didId);
    const rows = manager.createQueryBuilder(DidEvent, 'row').where('row.didId = :didId', { didId });
    if (actor.scope.isEndUser)
      rows.andWhere('row.accountId = :accountId', { accountId: actor.scope.accountId });
    const page = await paginate(rows, query);
    return { ...page, data: page.data.map(toEventView) };
  }
}

export type DidEventView = Omit<DidEvent, 'tenant' | 'did' | 'details'> & {
  details: Record<string, unknown> | null;
};

function toEventView(event: DidEvent): DidEventView {
  const { tenant: _tenant, did: _did, ...fields } = event;
  return { ...fields, details: event.details as Record<string, unknown> | null };
}
