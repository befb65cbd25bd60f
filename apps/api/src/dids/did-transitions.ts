import { Injectable } from '@nestjs/common';
import { Did, type DidEvent } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { ConflictError, ForbiddenError } from '../http/domain-errors';
import { TenantResources } from '../tenancy/tenant-resources';
import { type DidStep, recordDidSteps } from './did-history';
import { ScopedDids } from './scoped-dids';

/** A move of one number: its new column values and how its history and the audit log name it. */
export interface DidTransition {
  /** Audit action, `did.<verb>`. */
  action: string;
  /** History event, e.g. `assigned`. */
  event: string;
  changes: Partial<Did>;
  /** The account the step concerns (see DidStep). */
  accountId: string | null;
  details?: DidStep['details'];
}

export interface TransitionResult {
  did: Did;
  /** The history step written; null when `decide` found nothing to change. */
  event: DidEvent | null;
}

/**
 * How every number changes: locked in the caller's scope, checked by `decide` (which throws 409 for a
 * move its status does not allow, or answers null when there is nothing to do), then written with its
 * history step and its audit row in one transaction. The rating catalog is told after the commit.
 */
@Injectable()
export class DidTransitions {
  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {}

  apply(
    actor: Actor,
    id: string,
    decide: (did: Did, manager: EntityManager) => Promise<DidTransition | null>,
  ): Promise<TransitionResult> {
    assertStaff(actor);
    return this.resources.transaction(async (manager) => {
      const before = await new ScopedDids(manager, actor.scope).lock(id);
      const transition = await decide({ ...before }, manager);
      if (!transition) return { did: before, event: null };
      const repository = manager.getRepository(Did);
      const after = await repository.save(
        repository.merge(repository.create({ ...before }), transition.changes),
      );
      const [event] = await recordDidSteps(manager, actor, [
        {
          did: after,
          step: {
            event: transition.event,
            fromStatus: before.status,
            toStatus: after.status,
            accountId: transition.accountId,
            ...(transition.details ? { details: transition.details } : {}),
          },
        },
      ]);
      await this.audit.record(manager, actor, {
        action: transition.action,
        entityType: 'did',
        entityId: id,
        tenantId: after.tenantId,
        before,
        after,
      });
      return { did: after, event: event! };
    });
  }
}

export function assertStaff(actor: Actor): void {
  if (actor.scope.isEndUser)
    throw new ForbiddenError('end users can see the numbers assigned to them, not change them');
}

/** 409 for a move the number's status does not allow. */
export function invalidMove(did: Did, move: string, allowed: string): ConflictError {
  return new ConflictError(`cannot ${move} a number that is ${did.status}: only ${allowed}`, 'status');
}
