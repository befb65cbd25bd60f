import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from './data-source-options';
import { DEMO_OPERATOR, seedDemoOperator } from './demo-operator';
import { Tenant, TenantKind, User, UserRole } from './entities';
import { createTestDatabase, type TestDatabase } from './testing';

describe('migrations and the demo seed on a blank database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await new DataSource(dataSourceOptions(database.url, 'db-test')).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** One row of a query, its values as PostgreSQL's text (counts and amounts compared as strings). */
  async function row(sql: string, parameters: unknown[] = []): Promise<Record<string, string>> {
    const rows = (await dataSource.query(sql, parameters)) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function rows(sql: string, parameters: unknown[] = []): Promise<Array<Record<string, unknown>>> {
    return (await dataSource.query(sql, parameters)) as Array<Record<string, unknown>>;
  }

  async function owner(): Promise<Tenant> {
    return dataSource.getRepository(Tenant).findOneByOrFail({ kind: TenantKind.Owner });
  }

  /** Row counts of every table but the migrations', by table. */
  async function tableCounts(): Promise<Record<string, string>> {
    const tables = (await rows(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
       ORDER BY table_name`,
    )) as Array<{ table_name: string }>;
    const counts: Record<string, string> = {};
    for (const { table_name: table } of tables)
      counts[table] = (await row(`SELECT count(*)::text AS n FROM "${table}"`)).n!;
    return counts;
  }

  it('applies every migration and leaves the schema in step with the entities', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBe(dataSource.migrations.length);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seeds the demo operator with its owner admin login', async () => {
    expect(await seedDemoOperator(dataSource)).toEqual({ created: true });

    const owners = await dataSource.getRepository(Tenant).findBy({ kind: TenantKind.Owner });
    expect(owners).toHaveLength(1);
    expect(owners[0]).toMatchObject({ name: DEMO_OPERATOR.name, path: `/${owners[0]!.id}/` });
    const admin = await dataSource.getRepository(User).findOneByOrFail({ email: DEMO_OPERATOR.ownerEmail });
    expect(admin).toMatchObject({ role: UserRole.Admin, tenantId: owners[0]!.id, accountId: null });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(
      await row(
        'SELECT default_currency, default_timezone, primary_color FROM tenant_settings WHERE tenant_id = $1',
        [owners[0]!.id],
      ),
    ).toEqual({
      default_currency: 'EUR',
      default_timezone: 'Europe/Berlin',
      primary_color: expect.any(String),
    });
  });

  it('shows the figures of the SWITCHware dashboard', async () => {
    const { id: ownerId } = await owner();
    expect(
      await row(
        `SELECT
           (SELECT count(*) FROM domains)::text AS domains,
           (SELECT count(*) FROM service_plans)::text AS plans,
           (SELECT count(*) FROM service_plans WHERE active)::text AS active_plans,
           (SELECT count(*) FROM users
              WHERE tenant_id = $1 AND role = 'admin' AND account_id IS NULL)::text AS owner_admins,
           (SELECT count(*) FROM banned_ips)::text AS banned_ips,
           (SELECT count(*) FROM banned_ips WHERE expires_at > now())::text AS expiring_bans,
           (SELECT count(*) FROM accounts)::text AS accounts,
           (SELECT count(DISTINCT billing_type) FROM accounts)::text AS billing_types,
           (SELECT count(*) FROM lines)::text AS lines,
           (SELECT count(*) FROM vendors)::text AS vendors,
           (SELECT count(*) FROM rate_cards)::text AS rate_cards,
           (SELECT count(*) FROM rate_cards WHERE kind = 'buy')::text AS buy_cards,
           (SELECT count(DISTINCT currency) FROM rate_cards)::text AS currencies,
           (SELECT count(*) FROM tenants WHERE kind = 'reseller')::text AS resellers,
           (SELECT count(*) FROM routing_plans)::text AS routing_plans,
           (SELECT count(*) FROM holidays)::text AS holidays,
           (SELECT count(*) FROM dids)::text AS dids,
           (SELECT count(*) FROM dids WHERE status = 'assigned')::text AS assigned_dids,
           (SELECT count(*) FROM dids d JOIN lines l ON l.id = d.route_line_id
              WHERE l.account_id = d.account_id)::text AS dids_on_own_lines`,
        [ownerId],
      ),
    ).toEqual({
      domains: '3',
      plans: '8',
      active_plans: '2',
      owner_admins: '2',
      banned_ips: '3',
      expiring_bans: '1',
      accounts: '3',
      billing_types: '2',
      lines: '8',
      vendors: '5',
      rate_cards: '7',
      buy_cards: '5',
      currencies: '2',
      resellers: '1',
      routing_plans: '2',
      holidays: '10',
      dids: '12',
      assigned_dids: '7',
      dids_on_own_lines: '5',
    });
    // Each vendor has its own buy card in its currency and one or two trunks.
    const vendors = await rows(
      `SELECT v.name, c.kind, c.currency = v.currency AS same_currency,
              (SELECT count(*) FROM vendor_trunks t WHERE t.vendor_id = v.id)::int AS trunks
       FROM vendors v JOIN rate_cards c ON c.id = v.buy_rate_card_id`,
    );
    expect(vendors).toHaveLength(5);
    expect(new Set(vendors.map((vendor) => vendor.name)).size).toBe(5);
    for (const vendor of vendors) {
      expect(vendor).toMatchObject({ kind: 'buy', same_currency: true });
      expect(vendor.trunks).toBeGreaterThanOrEqual(1);
      expect(vendor.trunks).toBeLessThanOrEqual(2);
    }
    expect(await row(`SELECT count(DISTINCT buy_rate_card_id)::text AS n FROM vendors`)).toEqual({ n: '5' });
  });

  it('gives the reseller its own admin, sell card, plan, domain and customer, buying at the owner card', async () => {
    const ownerTenant = await owner();
    const reseller = await dataSource.getRepository(Tenant).findOneByOrFail({ kind: TenantKind.Reseller });
    expect(reseller).toMatchObject({
      name: DEMO_OPERATOR.resellerName,
      parentId: ownerTenant.id,
      path: `${ownerTenant.path}${reseller.id}/`,
    });
    expect(
      await row(
        `SELECT c.name, c.kind, c.tenant_id = $2 AS owners_card
         FROM tenant_settings s JOIN rate_cards c ON c.id = s.buy_rate_card_id WHERE s.tenant_id = $1`,
        [reseller.id, ownerTenant.id],
      ),
    ).toEqual({ name: 'Wholesale EUR', kind: 'sell', owners_card: true });
    expect(
      await dataSource.getRepository(User).findOneByOrFail({ email: DEMO_OPERATOR.resellerEmail }),
    ).toMatchObject({ tenantId: reseller.id, role: UserRole.Admin });
    expect(
      await row(
        `SELECT
           (SELECT count(*) FROM rate_cards WHERE tenant_id = $1 AND kind = 'sell')::text AS sell_cards,
           (SELECT count(*) FROM service_plans WHERE tenant_id = $1 AND active)::text AS plans,
           (SELECT count(*) FROM domains WHERE tenant_id = $1)::text AS domains,
           (SELECT count(*) FROM accounts WHERE tenant_id = $1)::text AS customers,
           (SELECT count(*) FROM lines l JOIN domains d ON d.id = l.domain_id
              WHERE l.tenant_id = $1 AND d.tenant_id = $1)::text AS lines`,
        [reseller.id],
      ),
    ).toEqual({ sell_cards: '1', plans: '1', domains: '1', customers: '1', lines: '2' });
  });

  it('keeps every reference inside its own tenant', async () => {
    const crossings = await rows(
      `SELECT 'plan card' AS what, p.name FROM service_plans p JOIN rate_cards c ON c.id = p.sell_rate_card_id
         WHERE c.tenant_id <> p.tenant_id OR c.kind <> 'sell' OR c.currency <> p.currency
       UNION ALL SELECT 'plan routing', p.name FROM service_plans p JOIN routing_plans r ON r.id = p.routing_plan_id
         WHERE r.tenant_id <> p.tenant_id
       UNION ALL SELECT 'account plan', a.code FROM accounts a JOIN service_plans p ON p.id = a.service_plan_id
         WHERE p.tenant_id <> a.tenant_id
       UNION ALL SELECT 'line', l.username FROM lines l JOIN accounts a ON a.id = l.account_id
         JOIN domains d ON d.id = l.domain_id WHERE l.tenant_id <> a.tenant_id OR d.tenant_id <> a.tenant_id
       UNION ALL SELECT 'service', s.name FROM services s JOIN accounts a ON a.id = s.account_id
         JOIN service_templates t ON t.id = s.template_id
         WHERE s.tenant_id <> a.tenant_id OR t.tenant_id <> a.tenant_id OR t.kind::text <> s.kind::text
       UNION ALL SELECT 'routing vendor', v.name FROM routing_plan_vendors rv JOIN vendors v ON v.id = rv.vendor_id
         WHERE v.tenant_id <> rv.tenant_id`,
    );
    expect(crossings).toEqual([]);
    expect(
      await rows(`SELECT allowed_source_ips::text[] AS ips FROM services WHERE kind = 'sip_trunk'`),
    ).toEqual([{ ips: ['192.0.2.0/24', '198.51.100.10/32'] }]);
  });

  it("stores each line's credentials as the HA1 digests of the demo SIP password, realm = domain", async () => {
    const wrong = await rows(
      `SELECT l.username FROM lines l JOIN domains d ON d.id = l.domain_id
       WHERE l.ha1 <> md5(l.username || ':' || d.name || ':' || $1)
          OR l.ha1b <> md5(l.username || '@' || d.name || ':' || d.name || ':' || $1)`,
      [DEMO_OPERATOR.sipPassword],
    );
    expect(wrong).toEqual([]);
  });

  it("gives Kamailio the lines' credentials and billing types, and the active trunks' networks", async () => {
    const subscribers = await rows(
      `SELECT s.username, s.domain, s.billing_type, s.active FROM kamailio_subscribers s
       JOIN lines l ON l.username = s.username AND l.ha1 = s.ha1 ORDER BY s.username`,
    );
    expect(subscribers).toHaveLength(8);
    expect(subscribers.filter(({ active }) => active === 1)).toHaveLength(7);
    expect(new Set(subscribers.map(({ billing_type: billing }) => billing))).toEqual(
      new Set(['prepaid', 'postpaid']),
    );
    expect(
      await rows(`SELECT grp, ip_addr, mask, port, tag FROM kamailio_trunk_addresses ORDER BY ip_addr`),
    ).toEqual([
      {
        grp: 1,
        ip_addr: '192.0.2.0',
        mask: 24,
        port: 0,
        tag: expect.stringMatching(/^postpaid:[0-9a-f-]{36}$/),
      },
      {
        grp: 1,
        ip_addr: '198.51.100.10',
        mask: 32,
        port: 0,
        tag: expect.stringMatching(/^postpaid:[0-9a-f-]{36}$/),
      },
    ]);
    expect(await rows('SELECT table_name, table_version FROM kamailio_table_versions')).toEqual([
      { table_name: 'kamailio_trunk_addresses', table_version: 6 },
    ]);
  });

  it('keeps every balance equal to the sum of its ledger entries, one balance per party', async () => {
    const balances = await rows(
      `SELECT b.amount::text AS balance,
              (SELECT sum(e.amount)::text FROM ledger_entries e
                 WHERE e.account_id IS NOT DISTINCT FROM b.account_id
                   AND e.reseller_tenant_id IS NOT DISTINCT FROM b.reseller_tenant_id) AS ledger,
              (SELECT count(*)::int FROM ledger_entries e
                 WHERE (e.account_id = b.account_id OR e.reseller_tenant_id = b.reseller_tenant_id)
                   AND (e.currency <> b.currency OR e.tenant_id <> b.tenant_id)) AS mismatched
       FROM balances b`,
    );
    expect(balances).toHaveLength(4);
    const off = balances.filter(({ balance, ledger, mismatched }) => ledger !== balance || mismatched !== 0);
    expect(off).toEqual([]);
    expect(
      await row(
        `SELECT (SELECT count(*) FROM accounts a WHERE NOT EXISTS
                   (SELECT 1 FROM balances b WHERE b.account_id = a.id))::text AS accounts_without,
                (SELECT count(*) FROM tenants t WHERE t.kind = 'reseller' AND NOT EXISTS
                   (SELECT 1 FROM balances b WHERE b.reseller_tenant_id = t.id))::text AS resellers_without,
                (SELECT count(*) FROM ledger_entries WHERE idempotency_key NOT LIKE 'demo:%')::text AS other_keys,
                (SELECT count(DISTINCT kind) FROM ledger_entries)::text AS kinds`,
      ),
    ).toEqual({ accounts_without: '0', resellers_without: '0', other_keys: '0', kinds: '5' });
  });

  it('prices every destination above what the vendors charge, on every card and period', async () => {
    expect(
      await row(
        `SELECT min(n)::text AS fewest, max(n)::text AS most FROM
           (SELECT count(DISTINCT prefix) AS n FROM rates GROUP BY rate_card_id) per_card`,
      ),
    ).toEqual({
      fewest: expect.stringMatching(/^(2[5-9]|3\d|40)$/),
      most: expect.stringMatching(/^(2[5-9]|3\d|40)$/),
    });
    // What each level pays is below what it charges, for the same prefix in any period: the vendors'
    // buy cards below the owner's sell card, and that (the reseller's buy card) below the reseller's.
    const losses = await rows(
      `WITH levels AS (
         SELECT v.buy_rate_card_id AS buy_card, sell.id AS sell_card
         FROM vendors v JOIN rate_cards sell ON sell.tenant_id = v.tenant_id AND sell.kind = 'sell'
         UNION SELECT s.buy_rate_card_id, sell.id
         FROM tenant_settings s JOIN rate_cards sell ON sell.tenant_id = s.tenant_id AND sell.kind = 'sell'
         WHERE s.buy_rate_card_id IS NOT NULL)
       SELECT sell.prefix, sell.price_per_minute::text AS sell, buy.price_per_minute::text AS buy
       FROM levels JOIN rates sell ON sell.rate_card_id = levels.sell_card
       JOIN rates buy ON buy.rate_card_id = levels.buy_card AND buy.prefix = sell.prefix
       WHERE buy.price_per_minute >= sell.price_per_minute`,
    );
    expect(losses).toEqual([]);
    expect(
      await row(
        `SELECT count(*)::text AS n FROM tenant_settings s JOIN rate_cards c ON c.id = s.buy_rate_card_id
         JOIN rate_cards sell ON sell.tenant_id = s.tenant_id AND sell.kind = 'sell'`,
      ),
    ).toEqual({ n: '1' });
    // The LCR plan's 10 % margin guard leaves a vendor for every priced destination but the blocked one.
    const unroutable = await rows(
      `SELECT s.prefix FROM rates s JOIN rate_cards sc ON sc.id = s.rate_card_id AND sc.name = 'Wholesale EUR'
       WHERE s.prefix <> '4990' AND NOT EXISTS (
         SELECT 1 FROM routing_plans p JOIN routing_plan_vendors rv ON rv.routing_plan_id = p.id AND rv.prefix = ''
         JOIN vendors v ON v.id = rv.vendor_id JOIN rates b ON b.rate_card_id = v.buy_rate_card_id
         WHERE p.name = 'LCR default' AND b.prefix = s.prefix
           AND b.price_per_minute <= s.price_per_minute * (1 - p.margin_guard_percent / 100))`,
    );
    expect(unroutable).toEqual([]);
  });

  it('schedules a rate change for next month, has peak and off-peak rates and blocks premium numbers', async () => {
    const changes = await rows(
      `SELECT old.prefix, old.price_per_minute::text AS old_price, new.price_per_minute::text AS new_price
       FROM rates old JOIN rates new ON new.rate_card_id = old.rate_card_id AND new.prefix = old.prefix
         AND new.period_id IS NULL AND old.period_id IS NULL AND new.effective_from = old.effective_to
       WHERE new.effective_from > now() AND new.effective_from < now() + interval '32 days'
         AND new.effective_to IS NULL`,
    );
    expect(changes).toEqual([{ prefix: '447', old_price: '0.02500000', new_price: '0.02900000' }]);
    expect(
      await row(
        `SELECT count(DISTINCT p.name)::text AS periods, count(r.id)::text AS period_rates
         FROM rate_periods p JOIN rates r ON r.period_id = p.id`,
      ),
    ).toEqual({ periods: '2', period_rates: expect.stringMatching(/^[3-9]$/) });
    expect(
      await rows(
        `SELECT p.name, p.strategy::text, p.margin_guard_percent::text AS guard, r.prefix
         FROM routing_plans p JOIN routing_plan_prefixes r ON r.routing_plan_id = p.id AND r.blocked
         ORDER BY p.name`,
      ),
    ).toEqual([
      { name: 'LCR default', strategy: 'lcr', guard: '10.0000', prefix: '4990' },
      { name: 'Premium priority', strategy: 'priority', guard: null, prefix: '4990' },
    ]);
    // A vendor list never mixes currencies: the rating engine does not convert them.
    expect(
      await rows(
        `SELECT rv.routing_plan_id, rv.prefix FROM routing_plan_vendors rv JOIN vendors v ON v.id = rv.vendor_id
         GROUP BY rv.routing_plan_id, rv.prefix HAVING count(DISTINCT v.currency) > 1`,
      ),
    ).toEqual([]);
  });

  it('creates nothing on a second run', async () => {
    const before = await tableCounts();
    expect(before.rates).not.toBe('0');
    expect(await seedDemoOperator(dataSource)).toEqual({ created: false });
    expect(await tableCounts()).toEqual(before);
  });

  it('reverts every migration cleanly', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    // migrations and typeorm_metadata (where TypeORM records the views it created) are TypeORM's own.
    const tables = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata')",
    );
    expect(tables).toEqual([]);
  });
});
