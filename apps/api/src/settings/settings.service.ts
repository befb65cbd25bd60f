import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Tenant, TenantSettings } from '@tollgate/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { ForbiddenError } from '../http/domain-errors';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import type { UpdateOwnSettingsDto } from './dto/tenant-settings.dto';

/** The caller's own tenant settings; a reseller's parent-controlled terms are changed through /resellers. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly changes: CatalogChanges,
  ) {}

  get(actor: Actor) {
    return this.view(this.dataSource.manager, actor.scope.tenantId);
  }

  async update(actor: Actor, input: UpdateOwnSettingsDto) {
    if (actor.scope.isEndUser) throw new ForbiddenError("end users cannot change their provider's settings");
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.view(manager, actor.scope.tenantId);
      await manager.getRepository(TenantSettings).update({ tenantId: actor.scope.tenantId }, input);
      const after = await this.view(manager, actor.scope.tenantId);
      await this.audit.record(manager, actor, {
        action: 'settings.update',
        entityType: 'settings',
        entityId: actor.scope.tenantId,
        tenantId: actor.scope.tenantId,
        before,
        after,
      });
      return after;
    });
    await this.changes.announce();
    return updated;
  }

  private async view(manager: EntityManager, tenantId: string) {
    const tenant = await manager.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const settings = await manager.getRepository(TenantSettings).findOneByOrFail({ tenantId });
    const { tenant: _tenant, buyRateCard: _card, createdAt: _created, ...fields } = settings;
    return { ...fields, tenantName: tenant.name };
  }
}
