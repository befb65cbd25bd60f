import { Injectable } from '@nestjs/common';
import { PortingRequest, PortingStatus } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { ConflictError, ForbiddenError } from '../http/domain-errors';
import { TenantResources } from '../tenancy/tenant-resources';
import { type PortingStep, recordPortingStep } from './porting-history';
import { ScopedPortingRequests } from './scoped-porting-requests';

/** A change of one request: its new column values and how its history and the audit log name it. */
export interface PortingChange {
  /** Audit action, `porting-request.<verb>`. */
  action: string;
  changes: Partial<PortingRequest>;
  step: Omit<PortingStep, 'fromStatus' | 'toStatus'>;
}

/** Statuses after which nothing moves any more. */
export const CLOSED_STATUSES: ReadonlySet<PortingStatus> = new Set([
  PortingStatus.Completed,
  PortingStatus.Rejected,
  PortingStatus.Cancelled,
]);

/**
 * How every request changes: locked in the caller's scope, checked by `decide` (which throws 409 for a
 * move its status does not allow, and may do the move's own work on `manager`), then written with its
 * history step and its audit row in one transaction. The rating catalog is told after the commit, so
 * numbers a completion added or ended reach inbound routing.
 */
@Injectable()
export class PortingTransitions {
  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {}

  apply(
    actor: Actor,
    id: string,
    decide: (request: PortingRequest, manager: EntityManager) => Promise<PortingChange>,
  ): Promise<PortingRequest> {
    return this.resources.transaction(async (manager) => {
      const before = await new ScopedPortingRequests(manager, actor.scope).lock(id);
      const change = await decide({ ...before }, manager);
      const repository = manager.getRepository(PortingRequest);
      const after = await repository.save(repository.merge(repository.create({ ...before }), change.changes));
      await recordPortingStep(manager, actor, after, {
        ...change.step,
        fromStatus: before.status,
        toStatus: after.status,
      });
      await this.audit.record(manager, actor, {
        action: change.action,
        entityType: 'porting-request',
        entityId: id,
        tenantId: after.tenantId,
        before,
        after,
      });
      return after;
    });
  }
}

/** 409 naming the request's present status, for a move that status does not allow. */
export function invalidMove(
  request: PortingRequest,
  move: string,
  allowed: readonly PortingStatus[],
): ConflictError {
  return new ConflictError(
    `the porting request is ${request.status}: only a ${allowed.join(' or ')} request can be ${move}`,
    'status',
  );
}

export function assertStatus(request: PortingRequest, move: string, allowed: readonly PortingStatus[]): void {
  if (!allowed.includes(request.status)) throw invalidMove(request, move, allowed);
}

export function assertStaff(actor: Actor, move: string): void {
  if (actor.scope.isEndUser)
    throw new ForbiddenError(`end users cannot ${move} porting requests: the operator does`);
}
