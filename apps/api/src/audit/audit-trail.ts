import { Injectable } from '@nestjs/common';
import { AuditLogEntry } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';

// Never copied into the audit log, even as "changed".
const SECRET_FIELDS = new Set([
  'passwordHash',
  'secretHash',
  'ha1',
  'ha1b',
  'refreshTokenHash',
  'signingSecret',
]);

export interface AuditedChange {
  action: string;
  entityType: string;
  entityId: string;
  /** The tenant that owns the changed object (so its owner and every parent can read the entry). */
  tenantId: string;
  before?: object | null;
  after?: object | null;
}

/** Writes who changed what, when and from where, in the transaction of the change itself. */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, actor: Actor, change: AuditedChange): Promise<void> {
    await manager.getRepository(AuditLogEntry).insert({
      tenantId: change.tenantId,
      actorUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
      actorApiKeyId: actor.principal.kind === 'api_key' ? actor.principal.id : null,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      changes: changedFields(change.before ?? null, change.after ?? null),
      ip: actor.ip,
      userAgent: actor.userAgent,
      requestId: actor.requestId,
    });
  }
}

/** Only the fields that changed, each as { before, after }; secrets show as "[changed]". */
export function changedFields(before: object | null, after: object | null): Record<string, unknown> {
  const previous = (before ?? {}) as Record<string, unknown>;
  const next = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (field === 'updatedAt' || field === 'createdAt') continue;
    const was = plain(previous[field]);
    const is = plain(next[field]);
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    changes[field] = SECRET_FIELDS.has(field) ? '[changed]' : { before: was ?? null, after: is ?? null };
  }
  return changes;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && 'toFixed' in value) return String(value);
  return value;
}
