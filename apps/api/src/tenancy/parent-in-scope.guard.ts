import { type CanActivate, type ExecutionContext, Injectable, mixin, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityTarget } from 'typeorm';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/auth-decorators';
import { ScopedRepository, type TenantOwned } from './scoped-repository';
import { TenantScope } from './tenant-scope';

const uuid = z.uuid();

/**
 * For nested routes (`/rate-cards/:id/rates`…): answers 404 for a parent `:id` outside the caller's
 * scope before the body or query is validated (guards run before pipes), so another tenant's id never
 * earns a 400 that tells it apart from a missing one. A malformed id is left to the parameter pipe (400).
 */
export function ParentInScopeGuard<E extends TenantOwned>(
  entity: EntityTarget<E>,
  label: string,
  /** The column naming an end user's account on the parent (`id` for accounts themselves). */
  endUserColumn: 'accountId' | 'id' | null = null,
): Type<CanActivate> {
  @Injectable()
  class ParentInScope implements CanActivate {
    constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      const { id } = request.params as { id?: string };
      if (request.principal && uuid.safeParse(id).success) {
        const scope = TenantScope.of(request.principal);
        await new ScopedRepository(this.dataSource.manager, entity, scope, {
          label,
          endUserColumn,
        }).findById(id!);
      }
      return true;
    }
  }
  return mixin(ParentInScope);
}
