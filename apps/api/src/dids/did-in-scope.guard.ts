import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/auth-decorators';
import { TenantScope } from '../tenancy/tenant-scope';
import { ScopedDids } from './scoped-dids';

const uuid = z.uuid();

/**
 * Answers 404 for a number outside the caller's scope before the body is validated (guards run before
 * pipes), so another tenant's DID never earns a 400 that tells it apart from a missing one. Unlike
 * ParentInScopeGuard it lets end users through to the numbers assigned to their account.
 */
@Injectable()
export class DidInScopeGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { id } = request.params as { id?: string };
    if (request.principal && uuid.safeParse(id).success)
      await new ScopedDids(this.dataSource.manager, TenantScope.of(request.principal)).find(id!);
    return true;
  }
}
