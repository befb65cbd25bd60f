import type { Did } from '@tollgate/db';
import type { z } from 'zod';
import type { TenantScope } from '../tenancy/tenant-scope';
import type { didSchema } from './dto/did.dto';

export type DidView = z.output<typeof didSchema>;

/** The number as the caller may see it: end users never see what it costs the operator, nor from whom. */
export function toDidView(did: Did, scope: TenantScope): DidView {
  const hideCosts = scope.isEndUser;
  return {
    id: did.id,
    tenantId: did.tenantId,
    number: did.number,
    country: did.country,
    currency: did.currency,
    vendorId: hideCosts ? null : did.vendorId,
    buySetupFee: hideCosts ? null : did.buySetupFee,
    buyMonthlyFee: hideCosts ? null : did.buyMonthlyFee,
    buyPerMinute: hideCosts ? null : did.buyPerMinute,
    sellSetupFee: did.sellSetupFee,
    sellMonthlyFee: did.sellMonthlyFee,
    sellPerMinute: did.sellPerMinute,
    status: did.status,
    accountId: did.accountId,
    reservedUntil: did.reservedUntil,
    quarantinedUntil: did.quarantinedUntil,
    routeKind: did.routeKind,
    routeLineId: did.routeLineId,
    routeServiceId: did.routeServiceId,
    routeUri: did.routeUri,
    createdAt: did.createdAt,
    updatedAt: did.updatedAt,
  };
}
