import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, AccountStatus, Domain, Line } from '@tollgate/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { isTenantOrAbove } from '../tenancy/tenant-lineage';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import type {
  CreateLineDto,
  lineSchema,
  lineWithPasswordSchema,
  ListLinesQueryDto,
  ResetLinePasswordDto,
  UpdateLineDto,
} from './dto/line.dto';
import { digestCredentials, generateSipPassword } from './sip-credentials';

registerUniqueFields({ lines_domain_username_key: 'username' });

export type LineView = z.output<typeof lineSchema>;
export type LineWithPassword = z.output<typeof lineWithPasswordSchema>;

/**
 * SIP lines: `username@domain` credentials of an account. The password is answered once (on create and
 * on reset) and stored only as the digest hashes Kamailio checks.
 */
@Injectable()
export class LinesService {
  private readonly lines;
  private readonly accounts;
  private readonly domains;

  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.lines = resources.of(Line, {
      label: 'line',
      entityType: 'line',
      endUserColumn: 'accountId',
      deletion: 'soft',
    });
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
    this.domains = resources.of(Domain, {
      label: 'domain',
      entityType: 'domain',
      endUserColumn: null,
      deletion: 'soft',
    });
  }

  async list(actor: Actor, query: ListLinesQueryDto): Promise<Page<LineView>> {
    const page = await this.lines.list(actor, query, (rows) => {
      if (query.search)
        rows.andWhere('row.username ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
      if (query.domainId) rows.andWhere('row.domainId = :domainId', { domainId: query.domainId });
      if (query.status) rows.andWhere('row.status = :status', { status: query.status });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
    const names = await domainNames(
      this.dataSource.manager,
      page.data.map((line) => line.domainId),
    );
    return { ...page, data: page.data.map((line) => toView(line, names.get(line.domainId)!)) };
  }

  async get(actor: Actor, id: string): Promise<LineView> {
    const line = await this.lines.get(actor, id);
    return toView(line, await domainName(this.dataSource.manager, line.domainId));
  }

  async create(actor: Actor, input: CreateLineDto): Promise<LineWithPassword> {
    assertStaff(actor);
    const password = input.password ?? generateSipPassword();
    return this.resources.transaction(async (manager) => {
      const account = await this.lockAccount(actor, manager, input.accountId);
      if (account.status === AccountStatus.Closed)
        throw new ConflictError('the account is closed: reopen it before adding lines', 'accountId');
      const domain = await this.domainFor(actor, manager, input.domainId, account.tenantId);
      const line = await this.lines.repository(actor, manager).insert({
        tenantId: account.tenantId,
        accountId: account.id,
        domainId: domain.id,
        username: input.username,
        ...digestCredentials(input.username, domain.name, password),
        callerIdName: input.callerIdName ?? null,
        callerIdNumber: input.callerIdNumber ?? null,
        maxChannels: input.maxChannels ?? null,
        status: input.status,
      });
      await this.audit.record(manager, actor, {
        action: 'line.create',
        entityType: 'line',
        entityId: line.id,
        tenantId: line.tenantId,
        after: line,
      });
      return { ...toView(line, domain.name), sipPassword: password };
    });
  }

  async update(actor: Actor, id: string, input: UpdateLineDto): Promise<LineView> {
    assertStaff(actor);
    return this.resources.transaction(async (manager) => {
      const lines = this.lines.repository(actor, manager);
      const current = await lines.findById(id);
      const { password, ...changes } = input;
      const username = changes.username ?? current.username;
      const domain =
        changes.domainId && changes.domainId !== current.domainId
          ? await this.domainFor(actor, manager, changes.domainId, current.tenantId)
          : { id: current.domainId, name: await domainName(manager, current.domainId) };
      if (password === undefined && (username !== current.username || domain.id !== current.domainId))
        throw new BadRequestError(
          'a new username or domain needs a new password: the stored digests are computed from both',
          'password',
        );
      const credentials = password === undefined ? {} : digestCredentials(username, domain.name, password);
      const { before, after } = await lines.update(id, { ...changes, ...credentials });
      await this.audit.record(manager, actor, {
        action: 'line.update',
        entityType: 'line',
        entityId: id,
        tenantId: after.tenantId,
        before,
        after,
      });
      return toView(after, domain.name);
    });
  }

  /** New credentials for a line (end users may reset their own lines'); the password is answered once. */
  async resetPassword(actor: Actor, id: string, input: ResetLinePasswordDto): Promise<LineWithPassword> {
    const password = input.password ?? generateSipPassword();
    return this.resources.transaction(async (manager) => {
      const lines = this.lines.repository(actor, manager);
      const line = await lines.findById(id);
      const domain = await domainName(manager, line.domainId);
      const { before, after } = await lines.update(id, digestCredentials(line.username, domain, password));
      await this.audit.record(manager, actor, {
        action: 'line.reset-password',
        entityType: 'line',
        entityId: id,
        tenantId: after.tenantId,
        before,
        after,
      });
      return { ...toView(after, domain), sipPassword: password };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor);
    await this.lines.remove(actor, id);
  }

  /** The account, share-locked so it cannot be deleted while a line is being added to it. */
  private async lockAccount(actor: Actor, manager: EntityManager, accountId: string): Promise<Account> {
    const account = await this.accounts
      .repository(actor, manager)
      .query()
      .andWhere('row.id = :accountId', { accountId })
      .setLock('pessimistic_read')
      .getOne();
    if (!account) throw new NotFoundError('account');
    return account;
  }

  /**
   * A domain the caller sees, of the account's own tenant or of a tenant above it: a reseller's
   * customer may register on the reseller's or the owner's domains, never on a sibling reseller's.
   */
  private async domainFor(
    actor: Actor,
    manager: EntityManager,
    domainId: string,
    accountTenantId: string,
  ): Promise<Domain> {
    const domain = await this.domains.repository(actor, manager).findById(domainId);
    if (!(await isTenantOrAbove(manager, domain.tenantId, accountTenantId)))
      throw new BadRequestError(
        "the domain must belong to the account's tenant or to a tenant above it",
        'domainId',
      );
    return domain;
  }
}

// Names of the domains of lines already read through the caller's scope. Read without that scope on
// purpose: a reseller's line may live on its parent's domain, which the reseller cannot list, and a
// line keeps showing its address even once its domain is deleted.
async function domainNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder()
    .select(['domain.id AS id', 'domain.name AS name'])
    .from('domains', 'domain')
    .where('domain.id IN (:...ids)', { ids: [...new Set(ids)] })
    .getRawMany<{ id: string; name: string }>();
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function domainName(manager: EntityManager, id: string): Promise<string> {
  return (await domainNames(manager, [id])).get(id)!;
}

function toView(line: Line, domain: string): LineView {
  return {
    id: line.id,
    tenantId: line.tenantId,
    accountId: line.accountId,
    domainId: line.domainId,
    domain,
    username: line.username,
    sipUri: `sip:${line.username}@${domain}`,
    callerIdName: line.callerIdName,
    callerIdNumber: line.callerIdNumber,
    maxChannels: line.maxChannels,
    status: line.status,
    createdAt: line.createdAt,
    updatedAt: line.updatedAt,
  };
}

function assertStaff(actor: Actor): void {
  if (actor.scope.isEndUser)
    throw new ForbiddenError('end users can read their lines and reset their passwords, nothing more');
}
