import { Injectable } from '@nestjs/common';
import { AuditLogEntry } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import type { ListAuditLogQueryDto } from './dto/audit-log-entry.dto';

export type AuditLogEntryView = Omit<AuditLogEntry, 'tenant' | 'actorUser' | 'actorApiKey' | 'changes'> & {
  changes: Record<string, unknown> | null;
};

const EXACT_FILTERS = [
  'entityType',
  'entityId',
  'action',
  'actorUserId',
  'actorApiKeyId',
  'tenantId',
] as const;

/** Reads the audit log of the caller's subtree; it is written only by the changes themselves. */
@Injectable()
export class AuditLogService {
  private readonly entries;

  constructor(resources: TenantResources) {
    this.entries = resources.of(AuditLogEntry, {
      label: 'audit log entry',
      entityType: 'audit-log-entry',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  async list(actor: Actor, query: ListAuditLogQueryDto): Promise<Page<AuditLogEntryView>> {
    const page = await this.entries.list(actor, query, (rows) => {
      for (const filter of EXACT_FILTERS) {
        const value = query[filter];
        if (value !== undefined) rows.andWhere(`row.${filter} = :${filter}`, { [filter]: value });
      }
      if (query.from) rows.andWhere('row.createdAt >= :from', { from: query.from });
      if (query.to) rows.andWhere('row.createdAt < :to', { to: query.to });
    });
    return { ...page, data: page.data.map(toView) };
  }

  async get(actor: Actor, id: string): Promise<AuditLogEntryView> {
    return toView(await this.entries.get(actor, id));
  }
}

function toView(entry: AuditLogEntry): AuditLogEntryView {
  return { ...entry, changes: entry.changes as Record<string, unknown> | null };
}
