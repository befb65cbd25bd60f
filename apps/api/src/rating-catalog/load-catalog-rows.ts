import {
  Account,
  BannedIp,
  Did,
  Domain,
  Holiday,
  Line,
  Rate,
  RateCard,
  RatePeriod,
  RoutingPlan,
  RoutingPlanPrefix,
  RoutingPlanVendor,
  Service,
  ServiceKind,
  ServicePlan,
  ServiceStatus,
  Tenant,
  TenantSettings,
  Vendor,
  VendorTrunk,
} from '@tollgate/db';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { BALANCE_VERSION } from '../ledger/balance-version';
import type { BalanceRow, CatalogRows, RateCardRow } from './catalog-rows';
import type { CatalogSnapshot } from './catalog-snapshot';

/** Rates are read in pages so that turning rows into entities never holds the event loop for long. */
const RATES_PER_PAGE = 50_000;

/**
 * Count and XOR of (id, xmin) of a set of rows: any insert, update or delete changes it, whatever the
 * timestamps say (xmin is the transaction that wrote the row version).
 */
const ROWS_VERSION = (table: string, where: string) =>
  `(SELECT count(*) || ':' || coalesce(bit_xor(hashtextextended(row.id::text || ':' || row.xmin::text, 0)), 0)
      FROM ${table} row WHERE ${where})`;

const CARD_FINGERPRINTS = `
  SELECT card.id,
         card.xmin::text
         || '|' || ${ROWS_VERSION('rates', 'row.rate_card_id = card.id')}
         || '|' || ${ROWS_VERSION('rate_periods', 'row.rate_card_id = card.id')}
         || '|' || ${ROWS_VERSION('holidays', 'row.tenant_id = card.tenant_id')} AS fingerprint
    FROM rate_cards card
   WHERE card.id = ANY($1::uuid[]) AND card.deleted_at IS NULL`;

/**
 * The thin, I/O half of the catalog: every table in a few bulk queries (one per table, never one per
 * account), inside one read-only REPEATABLE READ transaction, so the rows are one consistent picture
 * even while the operator API writes. Rates are read only for cards whose fingerprint differs from the
 * previous snapshot's: a change to an account does not reload a million-rate deck.
 */
export function loadCatalogRows(
  dataSource: DataSource,
  previous?: CatalogSnapshot,
): Promise<{ rows: CatalogRows; loadedAt: Date }> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    const [{ now }] = (await manager.query('SELECT now() AS now')) as [{ now: Date }];
    const tenants = await manager.getRepository(Tenant).find({
      select: { id: true, kind: true, parentId: true, path: true, name: true },
    });
    const tenantSettings = await manager.getRepository(TenantSettings).find();
    const servicePlans = await manager.getRepository(ServicePlan).find();
    const vendors = await manager.getRepository(Vendor).find();
    const cardIds = new Set<string>();
    for (const plan of servicePlans) cardIds.add(plan.sellRateCardId);
    for (const row of [...tenantSettings, ...vendors]) if (row.buyRateCardId) cardIds.add(row.buyRateCardId);
    const rows: CatalogRows = {
      tenants,
      tenantSettings,
      accounts: await manager.getRepository(Account).find(),
      balances: (await manager.query(
        `SELECT account_id AS "accountId", amount::text AS amount, ${BALANCE_VERSION} AS version
           FROM balances WHERE account_id IS NOT NULL`,
      )) as BalanceRow[],
      domains: await manager.getRepository(Domain).find({
        select: { id: true, tenantId: true, name: true, enabled: true },
      }),
      lines: await manager.getRepository(Line).find({
        select: {
          id: true,
          tenantId: true,
          accountId: true,
          domainId: true,
          username: true,
          status: true,
          maxChannels: true,
          callerIdName: true,
          callerIdNumber: true,
        },
      }),
      trunks: await manager.getRepository(Service).find({
        where: { kind: ServiceKind.SipTrunk, status: Not(ServiceStatus.Terminated) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      bans: await manager
        .getRepository(BannedIp)
        .createQueryBuilder('ban')
        .where('ban.expiresAt IS NULL OR ban.expiresAt > now()')
        .getMany(),
      dids: await manager.getRepository(Did).find(),
      servicePlans,
      rateCards: await loadRateCards(manager, [...cardIds], previous),
      vendors,
      vendorTrunks: await manager.getRepository(VendorTrunk).find(),
      routingPlans: await manager.getRepository(RoutingPlan).find(),
      routingRules: await manager.getRepository(RoutingPlanPrefix).find(),
      routingAssignments: await manager.getRepository(RoutingPlanVendor).find(),
    };
    return { rows, loadedAt: new Date(now) };
  });
}

async function loadRateCards(
  manager: EntityManager,
  ids: string[],
  previous: CatalogSnapshot | undefined,
): Promise<RateCardRow[]> {
  if (ids.length === 0) return [];
  const fingerprints = new Map(
    ((await manager.query(CARD_FINGERPRINTS, [ids])) as Array<{ id: string; fingerprint: string }>).map(
      (row) => [row.id, row.fingerprint],
    ),
  );
  const cards = await manager.getRepository(RateCard).findBy({ id: In([...fingerprints.keys()]) });
  const changed = cards.filter(
    (card) => previous?.rateCard(card.id)?.fingerprint !== fingerprints.get(card.id),
  );
  if (changed.length === 0) return cards.map((card) => ({ card, fingerprint: fingerprints.get(card.id)! }));
  const periods = await manager
    .getRepository(RatePeriod)
    .findBy({ rateCardId: In(changed.map((card) => card.id)) });
  const holidays = await manager
    .getRepository(Holiday)
    .findBy({ tenantId: In([...new Set(changed.map((card) => card.tenantId))]) });
  const toLoad = new Set(changed);
  const rows: RateCardRow[] = [];
  for (const card of cards) {
    const fingerprint = fingerprints.get(card.id)!;
    if (!toLoad.has(card)) {
      rows.push({ card, fingerprint });
      continue;
    }
    rows.push({
      card,
      fingerprint,
      content: {
        rates: await ratesOf(manager, card.id),
        periods: periods.filter((period) => period.rateCardId === card.id),
        holidays: holidays.filter((holiday) => holiday.tenantId === card.tenantId),
      },
    });
  }
  return rows;
}

async function ratesOf(manager: EntityManager, rateCardId: string): Promise<Rate[]> {
  const rates: Rate[] = [];
  let after: string | undefined;
  for (;;) {
    const query = manager
      .getRepository(Rate)
      .createQueryBuilder('rate')
      .where('rate.rateCardId = :rateCardId', { rateCardId })
      .orderBy('rate.id')
      .limit(RATES_PER_PAGE);
    if (after !== undefined) query.andWhere('rate.id > :after', { after });
    const page = await query.getMany();
    for (const rate of page) rates.push(rate);
    if (page.length < RATES_PER_PAGE) return rates;
    after = page[page.length - 1]!.id;
  }
}
