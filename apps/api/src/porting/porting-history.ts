import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PortingEvent, type PortingRequest, type PortingStatus } from '@tollgate/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { type Page, paginate } from '../tenancy/pagination';
import type { ListPortingEventsQueryDto } from './dto/porting-event.dto';
import { ScopedPortingRequests } from './scoped-porting-requests';

/** One step of a request's life, as its history keeps it. */
export interface PortingStep {
  event: string;
  fromStatus: PortingStatus | null;
  toStatus: PortingStatus;
  note?: string | null | undefined;
  details?: Record<string, unknown>;
}

/** Appends a step to the request's history in the caller's transaction: a change and its step commit together. */
export async function recordPortingStep(
  manager: EntityManager,
  actor: Actor,
  request: Pick<PortingRequest, 'id' | 'tenantId'>,
  step: PortingStep,
): Promise<PortingEvent> {
  const byKey = actor.principal.kind === 'api_key' ? { apiKeyId: actor.principal.id } : {};
  const event = manager.getRepository(PortingEvent).create({
    id: randomUUID(),
    tenantId: request.tenantId,
    requestId: request.id,
    event: step.event,
    fromStatus: step.fromStatus,
    toStatus: step.toStatus,
    actorUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
    note: step.note ?? null,
    details: { ...step.details, ...byKey },
  });
  await manager.getRepository(PortingEvent).insert(event);
  return event;
}

export type PortingEventView = Omit<PortingEvent, 'tenant' | 'tenantId' | 'request' | 'details'> & {
  details: Record<string, unknown> | null;
};

/** GET /porting-requests/{id}/events: the request's history, oldest first. */
@Injectable()
export class PortingHistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    actor: Actor,
    requestId: string,
    query: ListPortingEventsQueryDto,
  ): Promise<Page<PortingEventView>> {
    const manager = this.dataSource.manager;
    await new ScopedPortingRequests(manager, actor.scope).find(requestId);
    const rows = manager
      .createQueryBuilder(PortingEvent, 'row')
      .where('row.requestId = :requestId', { requestId });
    const page = await paginate(rows, query);
    return { ...page, data: page.data.map(toEventView) };
  }
}

function toEventView(event: PortingEvent): PortingEventView {
  const { tenant: _tenant, tenantId: _tenantId, request: _request, ...fields } = event;
  return { ...fields, details: event.details as Record<string, unknown> | null };
}
