import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth-decorators';
import type { Principal } from '../auth/principal';
import { TenantScope } from '../tenancy/tenant-scope';

/** Who is acting and from where: what a change is scoped by and what the audit log records. */
export interface Actor {
  principal: Principal;
  scope: TenantScope;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentActor used on a public route');
  return {
    principal: request.principal,
    scope: TenantScope.of(request.principal),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: String(request.id),
  };
});
