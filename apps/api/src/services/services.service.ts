import { Injectable } from '@nestjs/common';
import { Account, AccountStatus, Service, ServiceKind, ServiceStatus, ServiceTemplate } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError, ForbiddenError } from '../http/domain-errors';
import { escapeLike } from '../tenancy/like-pattern';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CreateServiceDto, ListServicesQueryDto, UpdateServiceDto } from './dto/service.dto';
import { assertRangesFree } from './trunk-source-ranges';

/**
 * What accounts buy. A SIP trunk is recognised by the source address of its calls, so its ranges are
 * unique across the platform among trunks not terminated. Services end (terminated), never disappear.
 */
@Injectable()
export class ServicesService {
  private readonly services;
  private readonly accounts;
  private readonly templates;

  constructor(resources: TenantResources) {
    this.services = resources.of(Service, {
      label: 'service',
      entityType: 'service',
      endUserColumn: 'accountId',
      deletion: 'hard',
    });
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
    this.templates = resources.of(ServiceTemplate, {
      label: 'service template',
      entityType: 'service_template',
      endUserColumn: null,
      deletion: 'hard',
    });
  }

  list(actor: Actor, query: ListServicesQueryDto) {
    return this.services.list(actor, query, (rows) => {
      if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
      if (query.templateId) rows.andWhere('row.templateId = :templateId', { templateId: query.templateId });
      if (query.kind) rows.andWhere('row.kind = :kind', { kind: query.kind });
      if (query.status) rows.andWhere('row.status = :status', { status: query.status });
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.sourceAddress)
        rows.andWhere('CAST(:sourceAddress AS inet) <<= ANY(row.allowedSourceIps)', {
          sourceAddress: query.sourceAddress,
        });
    });
  }

  get(actor: Actor, id: string) {
    return this.services.get(actor, id);
  }

  async create(actor: Actor, input: CreateServiceDto) {
    assertStaff(actor);
    const account = await this.accounts.repository(actor).findById(input.accountId);
    if (account.status === AccountStatus.Closed)
      throw new BadRequestError('the account is closed', 'accountId');
    const template = input.templateId ? await this.template(actor, input.templateId, account) : null;
    const kind = kindOf(input.kind, template);
    const name = input.name ?? template?.name;
    if (!name) throw new BadRequestError('name is required without a template', 'name');
    assertTrunkFields(kind, input.allowedSourceIps, input.techPrefix);
    const values = {
      tenantId: account.tenantId,
      accountId: account.id,
      templateId: template?.id ?? null,
      kind,
      name,
      status: input.status,
      allowedSourceIps: input.allowedSourceIps,
      techPrefix: input.techPrefix,
      maxChannels: input.maxChannels !== undefined ? input.maxChannels : (template?.maxChannels ?? null),
    };
    const service = await this.services.create(actor, values, async (manager) => {
      if (kind === ServiceKind.SipTrunk) await assertRangesFree(manager, input.allowedSourceIps, null);
    });
    // Read back: PostgreSQL writes ranges in its canonical form.
    return this.services.get(actor, service.id);
  }

  async update(actor: Actor, id: string, input: UpdateServiceDto) {
    assertStaff(actor);
    const patch = input.status === ServiceStatus.Terminated ? { ...input, endedAt: new Date() } : input;
    await this.services.update(actor, id, patch, async (manager, current) => {
      if (current.status === ServiceStatus.Terminated)
        throw new ConflictError('a terminated service cannot be changed or reactivated', 'status');
      assertTrunkFields(
        current.kind,
        input.allowedSourceIps ?? current.allowedSourceIps,
        input.techPrefix !== undefined ? input.techPrefix : current.techPrefix,
      );
      if (
        current.kind === ServiceKind.SipTrunk &&
        input.allowedSourceIps &&
        input.status !== ServiceStatus.Terminated
      )
        await assertRangesFree(manager, input.allowedSourceIps, id);
    });
    return this.services.get(actor, id);
  }

  /** Services are never deleted: DELETE terminates (once; again it changes nothing). */
  async terminate(actor: Actor, id: string): Promise<void> {
    assertStaff(actor);
    const service = await this.services.get(actor, id);
    if (service.status !== ServiceStatus.Terminated)
      await this.update(actor, id, { status: ServiceStatus.Terminated });
  }

  private async template(actor: Actor, id: string, account: Account) {
    const template = await this.templates.repository(actor).findById(id);
    if (template.tenantId !== account.tenantId)
      throw new BadRequestError('the template belongs to another tenant than the account', 'templateId');
    if (!template.active) throw new BadRequestError('the template is inactive', 'templateId');
    return template;
  }
}

function assertStaff(actor: Actor): void {
  if (actor.scope.isEndUser) throw new ForbiddenError('end users can see their services but not change them');
}

function kindOf(requested: ServiceKind | undefined, template: ServiceTemplate | null): ServiceKind {
  if (template && requested && requested !== template.kind)
    throw new BadRequestError(`the template makes ${template.kind} services`, 'kind');
  const kind = requested ?? template?.kind;
  if (!kind) throw new BadRequestError('kind is required without a template', 'kind');
  return kind;
}

function assertTrunkFields(kind: ServiceKind, ranges: string[], techPrefix: string | null): void {
  if (kind === ServiceKind.SipTrunk) {
    if (ranges.length === 0)
      throw new BadRequestError('a SIP trunk needs at least one allowed source address', 'allowedSourceIps');
    return;
  }
  if (ranges.length > 0)
    throw new BadRequestError('only SIP trunks are authenticated by source address', 'allowedSourceIps');
  if (techPrefix !== null) throw new BadRequestError('only SIP trunks have a tech prefix', 'techPrefix');
}
