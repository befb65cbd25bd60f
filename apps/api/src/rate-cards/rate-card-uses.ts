import { ServicePlan, TenantSettings, Vendor } from '@tollgate/db';
import type { EntityManager } from 'typeorm';

/**
 * What still rates calls with a card, across every tenant (a reseller's terms name its parent's card):
 * e.g. "2 service plans, 1 vendor", or null when nothing does. Deleted plans, vendors and resellers
 * do not count.
 */
export async function describeRateCardUses(
  manager: EntityManager,
  rateCardId: string,
): Promise<string | null> {
  // One after the other: inside a transaction the manager has a single connection.
  const plans = await manager.count(ServicePlan, { where: { sellRateCardId: rateCardId } });
  const vendors = await manager.count(Vendor, { where: { buyRateCardId: rateCardId } });
  const resellers = await manager
    .createQueryBuilder(TenantSettings, 'settings')
    .innerJoin('settings.tenant', 'tenant', 'tenant.deletedAt IS NULL')
    .where('settings.buyRateCardId = :rateCardId', { rateCardId })
    .getCount();
  const uses = [
    counted(plans, 'service plan'),
    counted(vendors, 'vendor'),
    counted(resellers, "reseller's buy terms", "resellers' buy terms"),
  ].filter((use): use is string => use !== null);
  return uses.length > 0 ? uses.join(', ') : null;
}

function counted(count: number, one: string, many = `${one}s`): string | null {
  if (count === 0) return null;
  return `${count} ${count === 1 ? one : many}`;
}
