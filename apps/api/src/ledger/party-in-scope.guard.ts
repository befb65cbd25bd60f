import { type CanActivate, type ExecutionContext, Injectable, mixin, type Type } from '@nestjs/common';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/auth-decorators';
import { TenantScope } from '../tenancy/tenant-scope';
import { BillingParties, type PartyKind } from './billing-parties';

const uuid = z.uuid();

/**
 * Answers 404 for a party outside the caller's scope before the body is validated (guards run before
 * pipes): whatever is posted to another tenant's account, the answer is the same "not found".
 */
export function PartyInScopeGuard(kind: PartyKind): Type<CanActivate> {
  @Injectable()
  class PartyInScope implements CanActivate {
    constructor(private readonly parties: BillingParties) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      const { id } = request.params as { id?: string };
      // A malformed id is left to the parameter's validation (400).
      if (request.principal && uuid.safeParse(id).success)
        await this.parties.find(TenantScope.of(request.principal), { kind, id: id! });
      return true;
    }
  }
  return mixin(PartyInScope);
}
