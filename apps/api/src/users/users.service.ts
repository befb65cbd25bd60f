import { Injectable } from '@nestjs/common';
import { Account, User, UserRole } from '@tollgate/db';
import { argon2id, hash } from 'argon2';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { SessionRevocation } from '../auth/session-revocation';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { escapeLike } from '../tenancy/like-pattern';
import type { Page } from '../tenancy/pagination';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto, userSchema } from './dto/user.dto';

// users_email_key is registered by the http layer already (logins predate this module).

export type UserView = z.output<typeof userSchema>;

/**
 * Portal logins of the caller's tenant and the resellers below it, for administrators only. A tenant
 * always keeps an active administrator, and nobody can lock themselves out.
 */
@Injectable()
export class UsersService {
  private readonly users;
  private readonly accounts;

  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
    private readonly revocation: SessionRevocation,
  ) {
    this.users = resources.of(User, {
      label: 'user',
      entityType: 'user',
      endUserColumn: null,
      deletion: 'soft',
    });
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
  }

  async list(actor: Actor, query: ListUsersQueryDto): Promise<Page<UserView>> {
    assertStaff(actor);
    const page = await this.users.list(actor, query, (rows) => {
      if (query.search)
        rows.andWhere('(row.email ILIKE :search OR row.displayName ILIKE :search)', {
          search: `%${escapeLike(query.search)}%`,
        });
      if (query.role) rows.andWhere('row.role = :role', { role: query.role });
      if (query.active !== undefined) rows.andWhere('row.active = :active', { active: query.active });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
      if (query.accountId) rows.andWhere('row.accountId = :accountId', { accountId: query.accountId });
      if (query.kind === 'staff') rows.andWhere('row.accountId IS NULL');
      if (query.kind === 'end-user') rows.andWhere('row.accountId IS NOT NULL');
    });
    return { ...page, data: page.data.map(toView) };
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    assertStaff(actor);
    return toView(await this.users.get(actor, id));
  }

  async create(actor: Actor, input: CreateUserDto): Promise<UserView> {
    assertStaff(actor);
    const passwordHash = await hash(input.password, { type: argon2id });
    return this.resources.transaction(async (manager) => {
      const user = await this.users.repository(actor, manager).insert({
        tenantId: await this.tenantOf(actor, manager, input),
        accountId: input.accountId ?? null,
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        active: input.active,
        passwordHash,
      });
      await this.audit.record(manager, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        tenantId: user.tenantId,
        after: user,
      });
      return toView(user);
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserView> {
    assertStaff(actor);
    const { password, ...changes } = input;
    const passwordHash = password === undefined ? undefined : await hash(password, { type: argon2id });
    return this.resources.transaction(async (manager) => {
      const users = this.users.repository(actor, manager);
      const current = await users.findById(id);
      if (changes.active === false && isSelf(actor, id))
        throw new ConflictError('you cannot disable your own login', 'active');
      const demoted = changes.role !== undefined && changes.role !== UserRole.Admin;
      if (isTenantAdmin(current) && (demoted || changes.active === false))
        await this.assertAnotherAdmin(actor, manager, current, demoted ? 'role' : 'active');
      const { before, after } = await users.update(id, {
        ...changes,
        ...(passwordHash === undefined ? {} : { passwordHash }),
      });
      if (passwordHash !== undefined || (before.active && !after.active))
        await this.revocation.revokeAll(manager, id);
      await this.audit.record(manager, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        tenantId: after.tenantId,
        before,
        after,
      });
      return toView(after);
    });
  }

  /** Soft delete; the user's sessions end with it. */
  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor);
    await this.users.remove(actor, id, async (manager, current) => {
      if (isSelf(actor, id)) throw new ConflictError('you cannot delete your own login');
      if (isTenantAdmin(current)) await this.assertAnotherAdmin(actor, manager, current);
      await this.revocation.revokeAll(manager, id);
    });
  }

  /** An end-user login lives in its account's tenant; staff in the tenant asked for, or the caller's. */
  private async tenantOf(actor: Actor, manager: EntityManager, input: CreateUserDto): Promise<string> {
    if (!input.accountId) return input.tenantId ?? actor.scope.tenantId;
    const account = await this.accounts
      .repository(actor, manager)
      .query()
      .andWhere('row.id = :accountId', { accountId: input.accountId })
      .setLock('pessimistic_read') // so the account cannot be deleted while its login is created
      .getOne();
    if (!account) throw new NotFoundError('account');
    if (input.tenantId !== undefined && input.tenantId !== account.tenantId)
      throw new BadRequestError("an end-user login belongs to its account's tenant", 'accountId');
    return account.tenantId;
  }

  /**
   * Refuses to take away the last active administrator of a tenant. The tenant's administrators are
   * locked (in id order), so two requests demoting two admins at once cannot both pass.
   */
  private async assertAnotherAdmin(
    actor: Actor,
    manager: EntityManager,
    user: User,
    field?: string,
  ): Promise<void> {
    const admins = await this.users
      .repository(actor, manager)
      .query()
      .andWhere('row.tenantId = :tenantId', { tenantId: user.tenantId })
      .andWhere('row.role = :role', { role: UserRole.Admin })
      .andWhere('row.active = true')
      .andWhere('row.accountId IS NULL')
      .orderBy('row.id')
      .setLock('pessimistic_write')
      .getMany();
    if (!admins.some((admin) => admin.id !== user.id))
      throw new ConflictError(
        'this is the last active administrator of its tenant: make another user administrator first',
        field,
      );
  }
}

/** An administrator of its tenant (end-user logins administer only their account). */
function isTenantAdmin(user: User): boolean {
  return user.role === UserRole.Admin && user.active && user.accountId === null;
}

function isSelf(actor: Actor, id: string): boolean {
  return actor.principal.kind === 'user' && actor.principal.id === id;
}

function toView(user: User): UserView {
  return {
    id: user.id,
    tenantId: user.tenantId,
    accountId: user.accountId,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

function assertStaff(actor: Actor): void {
  if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot manage portal logins');
}
