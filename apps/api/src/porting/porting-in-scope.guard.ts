import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/auth-decorators';
import { TenantScope } from '../tenancy/tenant-scope';
import { ScopedPortingRequests } from './scoped-porting-requests';

const uuid = z.uuid();

/**
 * 404 for a request outside the caller's scope before the body is validated (guards run before pipes),
 * so another tenant's request never earns a 400 that tells it apart from a missing one. End users pass
 * to their own account's requests.
 */
@Injectable()
export class PortingRequestInScopeGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { id } = request.params as { id?: string };
    if (request.principal && uuid.safeParse(id).success)
      await new ScopedPortingRequests(this.dataSource.manager, TenantScope.of(request.principal)).find(id!);
    return true;
  }
}
