import type { DataSource } from 'typeorm';
import { User } from './entities';
import { insertAccounts } from './demo/accounts';
import { insertBannedIps } from './demo/banned-ips';
import { type DemoContext, DemoIds } from './demo/context';
import { DEMO_OPERATOR } from './demo/credentials';
import { insertDids } from './demo/dids';
import { insertDomains } from './demo/domains';
import { insertHolidays } from './demo/holidays';
import { insertLedger } from './demo/ledger';
import { insertLines } from './demo/lines';
import { insertRateCards } from './demo/rate-cards';
import { insertRoutingPlans } from './demo/routing-plans';
import { insertServicePlans } from './demo/service-plans';
import { insertServiceTemplates } from './demo/service-templates';
import { insertTenantSettings, insertTenants } from './demo/tenants';
import { insertUsers } from './demo/users';
import { insertVendors } from './demo/vendors';

export { DEMO_OPERATOR } from './demo/credentials';

/**
 * Creates the demo operator "Demo Telecom" unless it exists: a platform with the figures of the
 * SWITCHware dashboard it replaces (3 domains, 8 service plans of which 2 active, 2 administrators,
 * 3 banned IPs, 3 subscribers with 8 lines, 5 vendors, 7 rate cards), a reseller with its own customer,
 * routing, a holiday list and a month of ledger entries. The data is in `demo/`, one file per subject.
 *
 * One transaction, keyed by the owner's e-mail: a second start creates nothing, and neither resets a
 * changed password nor brings back a deleted row.
 */
export async function seedDemoOperator(dataSource: DataSource): Promise<{ created: boolean }> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.findOneBy(User, { email: DEMO_OPERATOR.ownerEmail });
    if (existing) return { created: false };
    const context: DemoContext = {
      manager,
      tenants: await insertTenants(manager),
      ids: new DemoIds(),
      now: new Date(),
    };
    await insertUsers(context);
    await insertDomains(context);
    await insertHolidays(context);
    await insertBannedIps(context);
    await insertRateCards(context);
    await insertTenantSettings(context);
    await insertVendors(context);
    await insertRoutingPlans(context);
    await insertServicePlans(context);
    await insertServiceTemplates(context);
    await insertAccounts(context);
    await insertLines(context);
    await insertDids(context);
    await insertLedger(context);
    return { created: true };
  });
}
