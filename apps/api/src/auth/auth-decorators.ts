import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Permission, Principal } from './principal';

export const PUBLIC_ROUTE = 'tollgate:public';
export const REQUIRED_PERMISSION = 'tollgate:permission';

/** The route answers without credentials (health, login). Every other route is guarded. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Overrides the permission a route needs (by default `read` for GET, `write` otherwise). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** Any authenticated caller may use the route, whatever its permissions (e.g. changing one's own password). */
export const AnyPermission = () => SetMetadata(REQUIRED_PERMISSION, ANY_PERMISSION);

export const ANY_PERMISSION = 'any';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
