import { Injectable } from '@nestjs/common';
import { Service, ServicePlan, ServiceTemplate } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateServiceTemplateDto,
  ListServiceTemplatesQueryDto,
  UpdateServiceTemplateDto,
} from './dto/service-template.dto';

registerUniqueFields({ service_templates_tenant_id_name_key: 'name' });

/** The catalogue services are created from: kind, default channel limit and default service plan. */
@Injectable()
export class ServiceTemplatesService {
  private readonly templates;
  private readonly servicePlans;

  constructor(resources: TenantResources) {
    this.templates = resources.of(ServiceTemplate, {
      label: 'service template',
      entityType: 'service_template',
      endUserColumn: null,
      deletion: 'hard',
    });
    this.servicePlans = resources.of(ServicePlan, {
      label: 'service plan',
      entityType: 'service_plan',
      endUserColumn: null,
      deletion: 'soft',
    });
  }

  list(actor: Actor, query: ListServiceTemplatesQueryDto) {
    return this.templates.list(actor, query, (rows) => {
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.kind) rows.andWhere('row.kind = :kind', { kind: query.kind });
      if (query.active !== undefined) rows.andWhere('row.active = :active', { active: query.active });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.templates.get(actor, id);
  }

  create(actor: Actor, input: CreateServiceTemplateDto) {
    const tenantId = input.tenantId ?? actor.scope.tenantId;
    return this.templates.create(actor, { ...input, tenantId }, async (manager) => {
      if (input.servicePlanId) await this.assertOfferablePlan(manager, actor, input.servicePlanId, tenantId);
    });
  }

  update(actor: Actor, id: string, input: UpdateServiceTemplateDto) {
    return this.templates.update(actor, id, input, async (manager, current) => {
      if (input.servicePlanId && input.servicePlanId !== current.servicePlanId)
        await this.assertOfferablePlan(manager, actor, input.servicePlanId, current.tenantId);
    });
  }

  /** Deleted for good, so refused once services were made from it: deactivate it instead. */
  remove(actor: Actor, id: string) {
    return this.templates.remove(actor, id, async (manager) => {
      // Counted over every tenant: the answer names no other tenant's data.
      const services = await manager.getRepository(Service).countBy({ templateId: id });
      if (services > 0)
        throw new ConflictError(
          `${services} service(s) were created from this template: deactivate it instead`,
        );
    });
  }

  private async assertOfferablePlan(manager: EntityManager, actor: Actor, planId: string, tenantId: string) {
    const plan = await this.servicePlans.repository(actor, manager).findById(planId);
    if (plan.tenantId !== tenantId)
      throw new BadRequestError(
        'the service plan belongs to another tenant than the template',
        'servicePlanId',
      );
    if (!plan.active) throw new BadRequestError('the service plan is inactive', 'servicePlanId');
  }
}
