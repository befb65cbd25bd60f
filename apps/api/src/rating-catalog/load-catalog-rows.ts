import {
  BannedIp,
  Did,
  Domain,
  Holiday,
  RateCard,
  RatePeriod,
  RoutingPlan,
  RoutingPlanPrefix,
  RoutingPlanVendor,
  ServiceKind,
  ServicePlan,
  ServiceStatus,
  Tenant,
  TenantSettings,
  Vendor,
  VendorTrunk,
} from '@tollgate/db';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { BALANCE_VERSION } from '../ledger/balance-version';
import type {
  AccountRow,
  BalanceRow,
  CatalogRows,
  LineRow,
  RateCardRow,
  RateRow,
  TrunkServiceRow,
} from './catalog-rows';
import type { CatalogSnapshot } from './catalog-snapshot';

/** Rates are read in pages so that no single result holds the event loop (or the heap) for long. */
const RATES_PER_PAGE = 50_000;

/**
 * Count and XOR of (id, xmin) of a set of rows: any insert, update or delete changes it, whatever the
 * timestamps say (xmin is the transaction that wrote the row version).
 */
const ROWS_VERSION = (table: string, where: string) =>
  `(SELECT count(*) || ':' || coalesce(bit_xor(hashtextextended(row.id::text || ':' || row.xmin::text, 0)), 0)
      FROM ${table} row WHERE ${where})`;

/**
 * A card's rates change by insert, delete or update, and every write stamps `updated_at` with its
 * transaction's time (the column's default, TypeORM's update date): the count and the sum of the stamps
 * change with any of them, and both are read from one pass over the card's rates, without hashing a
 * million rows. (A long transaction commits stamps older than rows already seen: the sum still moves,
 * where a maximum would not.)
 */
const RATES_VERSION = `(SELECT count(*) || ':' || coalesce(sum((extract(epoch FROM row.updated_at) * 1000000)::bigint), 0)
      FROM rates row WHERE row.rate_card_id = card.id)`;

const CARD_FINGERPRINTS = `
  SELECT card.id,
         card.xmin::text
         || '|' || ${RATES_VERSION}
         || '|' || ${ROWS_VERSION('rate_periods', 'row.rate_card_id = card.id')}
         || '|' || ${ROWS_VERSION('holidays', 'row.tenant_id = card.tenant_id')} AS fingerprint
    FROM rate_cards card
   WHERE card.id = ANY($1::uuid[]) AND card.deleted_at IS NULL`;

// The big tables come back as plain rows (numeric as strings), not entities: a rebuild every minute
// would otherwise make tens of thousands of entities, and a deck load gigabytes of them, for the GC.

const ACCOUNTS = `
  SELECT id, tenant_id AS "tenantId", code, name, status, billing_type AS "billingType",
         credit_limit::text AS "creditLimit", currency, timezone, max_channels AS "maxChannels",
         max_inbound_channels AS "maxInboundChannels", max_outbound_channels AS "maxOutboundChannels",
         service_plan_id AS "servicePlanId"
    FROM accounts WHERE deleted_at IS NULL`;

const LINES = `
  SELECT id, tenant_id AS "tenantId", account_id AS "accountId", domain_id AS "domainId", username, status,
         max_channels AS "maxChannels", caller_id_name AS "callerIdName", caller_id_number AS "callerIdNumber"
    FROM lines WHERE deleted_at IS NULL`;

const TRUNKS = `
  SELECT id, tenant_id AS "tenantId", account_id AS "accountId", name, status,
         allowed_source_ips::text[] AS "allowedSourceIps", tech_prefix AS "techPrefix",
         max_channels AS "maxChannels"
    FROM services WHERE kind = $1 AND status <> $2
   ORDER BY created_at, id`;

const RATES_PAGE = `
  SELECT id, period_id AS "periodId", prefix, destination, price_per_minute::text AS "pricePerMinute",
         connect_fee::text AS "connectFee", min_charge::text AS "minCharge", first_interval AS "firstInterval",
         next_interval AS "nextInterval", free_seconds AS "freeSeconds",
         no_charge_below_seconds AS "noChargeBelowSeconds", rounding_mode AS "roundingMode",
         rounding_decimals AS "roundingDecimals", effective_from AS "effectiveFrom",
         effective_to AS "effectiveTo"
    FROM rates WHERE rate_card_id = $1 AND id > $2 ORDER BY id LIMIT ${RATES_PER_PAGE}`;

/**
 * The thin, I/O half of the catalog: every table in a few bulk queries (one per table, never one per
 * account), inside one read-only REPEATABLE READ transaction, so the rows are one consistent picture
 * even while the operator API writes. Rates are read only for cards whose fingerprint differs from the
 * previous snapshot's: a change to an account does not reload a million-rate deck. With
 * `trustPreviousFingerprints` (nothing was announced since they were computed), the cards the previous
 * snapshot has keep their fingerprints and their rates are not scanned at all.
 */
export function loadCatalogRows(
  dataSource: DataSource,
  previous?: CatalogSnapshot,
  options: { trustPreviousFingerprints?: boolean } = {},
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
      accounts: (await manager.query(ACCOUNTS)) as AccountRow[],
      balances: (await manager.query(
        `SELECT account_id AS "accountId", amount::text AS amount, ${BALANCE_VERSION} AS version
           FROM balances WHERE account_id IS NOT NULL`,
      )) as BalanceRow[],
      domains: await manager.getRepository(Domain).find({
        select: { id: true, tenantId: true, name: true, enabled: true },
      }),
      lines: (await manager.query(LINES)) as LineRow[],
      trunks: (await manager.query(TRUNKS, [
        ServiceKind.SipTrunk,
        ServiceStatus.Terminated,
      ])) as TrunkServiceRow[],
      bans: await manager
        .getRepository(BannedIp)
        .createQueryBuilder('ban')
        .where('ban.expiresAt IS NULL OR ban.expiresAt > now()')
        .getMany(),
      dids: await manager.getRepository(Did).find(),
      servicePlans,
      rateCards: await loadRateCards(
        manager,
        [...cardIds],
        previous,
        options.trustPreviousFingerprints === true,
      ),
      vendors,
      // In the order the snapshot tries each vendor's gateways (by name, then id), so the rows read are the
      // same from one rebuild to the next whatever updates did to the table's physical order.
      vendorTrunks: await manager
        .getRepository(VendorTrunk)
        .find({ order: { vendorId: 'ASC', name: 'ASC', id: 'ASC' } }),
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
  trustPrevious: boolean,
): Promise<RateCardRow[]> {
  if (ids.length === 0) return [];
  const fingerprints = new Map<string, string>();
  const toCheck: string[] = [];
  for (const id of ids) {
    const known = trustPrevious ? previous?.rateCard(id)?.fingerprint : undefined;
    if (known === undefined) toCheck.push(id);
    else fingerprints.set(id, known);
  }
  if (toCheck.length > 0) {
    const rows = (await manager.query(CARD_FINGERPRINTS, [toCheck])) as Array<{
      id: string;
      fingerprint: string;
    }>;
    for (const row of rows) fingerprints.set(row.id, row.fingerprint);
  }
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

async function ratesOf(manager: EntityManager, rateCardId: string): Promise<RateRow[]> {
  const rates: RateRow[] = [];
  // UUIDs compare as bytes in PostgreSQL: the nil UUID is below every other.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = (await manager.query(RATES_PAGE, [rateCardId, after])) as RateRow[];
    for (const rate of page) rates.push(rate);
    if (page.length < RATES_PER_PAGE) return rates;
    after = page[page.length - 1]!.id;
  }
}
