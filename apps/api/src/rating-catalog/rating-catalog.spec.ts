import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Line, LineStatus, Rate, Tenant, TenantKind, UserRole } from '@tollgate/db';
import Decimal from 'decimal.js';
import type Redis from 'ioredis';
import type { Registry } from 'prom-client';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnvironment } from '../api-environment';
import { createApiApp } from '../create-api-app';
import { METRICS_REGISTRY } from '../health/metrics.controller';
import { REDIS } from '../redis/redis.module';
import { ApiTestKit, TEST_AUTH_SECRET } from '../testing/api-test-kit';
import { CATALOG_CHANGED_CHANNEL, CatalogChanges } from './catalog-changes';
import { RatingCatalog } from './rating-catalog';

const NOW = () => Date.now();

/** Polls until `check` holds, failing after `deadlineMs`; answers the elapsed milliseconds. */
async function within(deadlineMs: number, check: () => boolean, what: string): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > deadlineMs) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - start;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rating catalog', () => {
  let kit: ApiTestKit;
  let catalog: RatingCatalog;
  let changes: CatalogChanges;
  let admin = '';
  const ids = {
    owner: '',
    reseller: '',
    ownerAccount: '',
    customer: '',
    domain: '',
    trunk: '',
    routingPlan: '',
    vendor: '',
    ownerCard: '',
    ownerRate: '',
  };
  const paths = { owner: '', reseller: '', sibling: '' };

  const created = async (token: string, url: string, body: object) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const rate = (prefix: string, pricePerMinute: string) => ({
    prefix,
    destination: `Prefix ${prefix}`,
    pricePerMinute,
    firstInterval: 60,
    nextInterval: 60,
    roundingMode: 'half_up',
    roundingDecimals: 4,
    effectiveFrom: '2020-01-01T00:00:00.000Z',
  });
  // Waits for a snapshot loaded after the announcement: a rebuild already under way when it was sent
  // may have read the rows before the last commit.
  const announced = async () => {
    const announcedAt = Date.now();
    await changes.announce();
    await within(2000, () => catalog.loadedAt.getTime() > announcedAt, 'rebuild after an announcement');
  };

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    catalog = kit.app.get(RatingCatalog);
    changes = kit.app.get(CatalogChanges);
    const { tenant: owner, user } = await kit.createTenant('Catalog Owner');
    const sibling = await kit.createTenant('Catalog Sibling', owner);
    ids.owner = owner.id;
    paths.owner = owner.path;
    paths.sibling = sibling.tenant.path;
    admin = await kit.login(user.email);

    const ownerCard = await created(admin, '/rate-cards', {
      name: 'Retail',
      kind: 'sell',
      currency: 'EUR',
      timezone: 'Europe/London',
    });
    ids.ownerCard = ownerCard.id;
    ids.ownerRate = (await created(admin, `/rate-cards/${ownerCard.id}/rates`, rate('44', '0.10'))).id;
    await created(admin, `/rate-cards/${ownerCard.id}/rates`, rate('4420', '0.05'));
    const resellerBuys = await created(admin, '/rate-cards', {
      name: 'Reseller buys',
      kind: 'sell',
      currency: 'EUR',
    });
    await created(admin, `/rate-cards/${resellerBuys.id}/rates`, rate('44', '0.07'));
    const carrierCard = await created(admin, '/rate-cards', {
      name: 'Carrier X',
      kind: 'buy',
      currency: 'EUR',
    });
    await created(admin, `/rate-cards/${carrierCard.id}/rates`, rate('44', '0.02'));

    ids.reseller = (
      await created(admin, '/resellers', {
        name: 'Catalog Reseller',
        settings: { buyRateCardId: resellerBuys.id },
      })
    ).id;
    paths.reseller = `${owner.path}${ids.reseller}/`;
    const resellerUser = await kit.createUser(
      { id: ids.reseller },
      UserRole.Admin,
      `catalog-reseller-${ids.reseller}@example.test`,
    );
    const reseller = await kit.login(resellerUser.email);

    ids.vendor = (
      await created(admin, '/vendors', { name: 'Carrier X', currency: 'EUR', buyRateCardId: carrierCard.id })
    ).id;
    const primary = await created(admin, `/vendors/${ids.vendor}/trunks`, {
      name: 'primary',
      host: 'gw.carrier-x.test',
      stripDigits: 0,
      addPrefix: '00',
    });
    await created(admin, `/vendors/${ids.vendor}/trunks`, { name: 'secondary', host: 'gw2.carrier-x.test' });
    // An update writes a new row version at the end of the table: read in physical order, primary would
    // come last.
    const edited = await kit.request('PATCH', `/vendors/${ids.vendor}/trunks/${primary.id}`, {
      token: admin,
      body: { timeoutSeconds: 20 },
    });
    if (edited.status !== 200)
      throw new Error(`trunk update: ${edited.status} ${JSON.stringify(edited.body)}`);
    ids.routingPlan = (await created(admin, '/routing-plans', { name: 'LCR', strategy: 'lcr' })).id;
    await created(admin, `/routing-plans/${ids.routingPlan}/vendors`, { vendorId: ids.vendor });
    await created(admin, `/routing-plans/${ids.routingPlan}/prefixes`, { prefix: '4990', blocked: true });
    const ownerPlan = await created(admin, '/service-plans', {
      name: 'Business',
      sellRateCardId: ownerCard.id,
      routingPlanId: ids.routingPlan,
      maxChannels: 30,
    });

    const resellerCard = await created(reseller, '/rate-cards', {
      name: 'Reseller retail',
      kind: 'sell',
      currency: 'EUR',
    });
    await created(reseller, `/rate-cards/${resellerCard.id}/rates`, rate('44', '0.20'));
    const resellerPlan = await created(reseller, '/service-plans', {
      name: 'Home',
      sellRateCardId: resellerCard.id,
    });
    ids.customer = (
      await created(reseller, '/accounts', {
        code: 'RC-1',
        name: 'Reseller customer',
        currency: 'EUR',
        servicePlanId: resellerPlan.id,
      })
    ).id;
    ids.ownerAccount = (
      await created(admin, '/accounts', {
        code: 'OC-1',
        name: 'Owner customer',
        currency: 'EUR',
        servicePlanId: ownerPlan.id,
        maxChannels: 4,
      })
    ).id;

    ids.domain = (await created(admin, '/domains', { name: 'sip.catalog.test' })).id;
    await created(admin, '/lines', {
      accountId: ids.ownerAccount,
      domainId: ids.domain,
      username: 'alice',
      maxChannels: 2,
    });
    await created(admin, '/lines', { accountId: ids.customer, domainId: ids.domain, username: 'bob' });
    ids.trunk = (
      await created(admin, '/services', {
        accountId: ids.customer,
        kind: 'sip_trunk',
        name: 'Wholesale',
        allowedSourceIps: ['203.0.113.0/24', '2001:db8:77::/48'],
      })
    ).id;
    await created(admin, '/banned-ips', { cidr: '198.51.100.0/24' });
    await created(reseller, '/banned-ips', { cidr: '192.0.2.0/24' });
    await announced();
  });
  afterAll(async () => kit?.close());

  it('answers each lookup for data created through the API', () => {
    const snapshot = catalog.current;
    expect(snapshot.lineByAddress('alice', 'SIP.catalog.test')).toMatchObject({
      accountId: ids.ownerAccount,
      status: LineStatus.Active,
      maxChannels: 2,
      domainEnabled: true,
    });
    expect(snapshot.lineByAddress('bob', 'sip.catalog.test')!.accountId).toBe(ids.customer);
    expect(snapshot.lineByAddress('carol', 'sip.catalog.test')).toBeUndefined();

    expect(catalog.trunkBySourceIp('203.0.113.77')).toMatchObject({ id: ids.trunk, accountId: ids.customer });
    expect(catalog.trunkBySourceIp('2001:db8:77:1::9')!.id).toBe(ids.trunk);
    expect(catalog.trunkBySourceIp('203.0.114.1')).toBeUndefined();

    expect(catalog.isBanned('198.51.100.7', paths.reseller)).toBe(true);
    expect(catalog.isBanned('198.51.100.7', paths.sibling)).toBe(true);
    expect(catalog.isBanned('192.0.2.1', paths.reseller)).toBe(true);
    expect(catalog.isBanned('192.0.2.1', paths.sibling)).toBe(false);
    expect(catalog.isBanned('192.0.2.1', paths.owner)).toBe(false);

    const ownerAccount = catalog.account(ids.ownerAccount)!;
    expect(ownerAccount).toMatchObject({
      status: 'active',
      billingType: 'prepaid',
      currency: 'EUR',
      channels: { total: 4 },
    });
    const sell = catalog.sellCardFor(ownerAccount)!;
    expect(sell.lookup('+442071234567', NOW())!.pricePerMinute.toString()).toBe('0.05');
    expect(sell.lookup('+447700900123', NOW())!.pricePerMinute.toString()).toBe('0.1');
    const plan = catalog.routingFor(ownerAccount)!;
    expect(plan).toMatchObject({ id: ids.routingPlan, strategy: 'lcr', maxVendors: 3 });
    const route = catalog.vendorsFor(plan, '447700900123')!;
    expect(route.vendors.map((vendor) => vendor.id)).toEqual([ids.vendor]);
    // Gateways by name, whatever was updated since.
    expect(route.vendors[0]!.vendor.trunks).toEqual([
      expect.objectContaining({ host: 'gw.carrier-x.test', addPrefix: '00', timeoutSeconds: 20 }),
      expect.objectContaining({ host: 'gw2.carrier-x.test' }),
    ]);
    expect(route.vendors[0]!.card.lookup('+447700900123', NOW())!.pricePerMinute.toString()).toBe('0.02');
    expect(catalog.vendorsFor(plan, '4990123')).toMatchObject({ blocked: true, vendors: [] });

    const customer = catalog.account(ids.customer)!;
    expect(customer.tenantPath).toBe(paths.reseller);
    expect(catalog.sellCardFor(customer)!.lookup('+44123', NOW())!.pricePerMinute.toString()).toBe('0.2');
    expect(catalog.routingFor(customer)!.id).toBe(ids.routingPlan);
    const chain = catalog.resellerChainFor(customer);
    expect(chain.map((level) => level.tenantId)).toEqual([ids.reseller]);
    expect(chain[0]!.card!.lookup('+44123', NOW())!.pricePerMinute.toString()).toBe('0.07');
    expect(snapshot.tenant(ids.reseller)).toMatchObject({ kind: TenantKind.Reseller, parentId: ids.owner });
    expect(snapshot.problems).toEqual([]);
  });

  it('serves a change announced through CatalogChanges within 1 s, with a higher version', async () => {
    const before = catalog.version;
    const suspended = await kit.request('PATCH', `/accounts/${ids.ownerAccount}`, {
      token: admin,
      body: { status: 'suspended' },
    });
    expect(suspended.status).toBe(200);
    await kit.dataSource
      .getRepository(Rate)
      .update({ id: ids.ownerRate }, { pricePerMinute: new Decimal('0.15') });
    await changes.announce();
    const elapsed = await within(
      1000,
      () => catalog.account(ids.ownerAccount)?.status === 'suspended',
      'suspension',
    );
    expect(elapsed).toBeLessThan(1000);
    expect(catalog.version).toBeGreaterThan(before);
    const sell = catalog.sellCardFor(catalog.account(ids.ownerAccount)!)!;
    expect(sell.lookup('+447700900123', NOW())!.pricePerMinute.toString()).toBe('0.15');
  });

  it('rescans a rate card only after an announcement (or its periodic check), not on every rebuild', async () => {
    const price = () =>
      catalog.sellCardFor(catalog.account(ids.ownerAccount)!)!.lookup('+447700900123', NOW())!.pricePerMinute;
    await announced();
    const before = price().toString();
    await kit.dataSource
      .getRepository(Rate)
      .update({ id: ids.ownerRate }, { pricePerMinute: new Decimal('0.17') });
    // A rebuild nobody announced (as the periodic one): the cards keep their fingerprints, rates unread.
    const since = Date.now();
    (catalog as unknown as { schedule: { request(): void } }).schedule.request();
    await within(2000, () => catalog.loadedAt.getTime() > since, 'unannounced rebuild');
    expect(price().toString()).toBe(before);
    await announced();
    expect(price().toString()).toBe('0.17');
  });

  it('reaches every replica on the same database and Redis', async () => {
    const url = (kit.dataSource.options as PostgresConnectionOptions).url!;
    const replica = await startReplica(url);
    try {
      const other = replica.get(RatingCatalog);
      expect(other.lineByAddress('alice', 'sip.catalog.test')!.maxChannels).toBe(2);
      const versions = [catalog.version, other.version];
      await kit.dataSource.getRepository(Line).update({ username: 'alice' }, { maxChannels: 9 });
      await replica.get(CatalogChanges).announce();
      await within(
        1000,
        () => catalog.lineByAddress('alice', 'sip.catalog.test')!.maxChannels === 9,
        'first replica',
      );
      await within(
        1000,
        () => other.lineByAddress('alice', 'sip.catalog.test')!.maxChannels === 9,
        'second replica',
      );
      expect(catalog.version).toBeGreaterThan(versions[0]!);
      expect(other.version).toBeGreaterThan(versions[1]!);
    } finally {
      await replica.close();
    }
  });

  it('ignores announcements of another database', async () => {
    await sleep(300);
    const before = catalog.rebuildCount;
    await kit.app.get<Redis>(REDIS).publish(CATALOG_CHANGED_CHANNEL, 'some_other_database');
    await sleep(500);
    expect(catalog.rebuildCount).toBe(before);
  });

  it('announces after a committed transaction, never after a rolled-back one', async () => {
    await sleep(300);
    const before = catalog.rebuildCount;
    await expect(changes.announceAfter(Promise.reject(new Error('rolled back')))).rejects.toThrow(
      'rolled back',
    );
    await sleep(400);
    expect(catalog.rebuildCount).toBe(before);
    await expect(changes.announceAfter(Promise.resolve('committed'))).resolves.toBe('committed');
    await within(1000, () => catalog.rebuildCount > before, 'rebuild after the commit');
  });

  it('coalesces a burst of 20 announcements into a rebuild or two that still sees the last change', async () => {
    await sleep(300);
    const before = { rebuilds: catalog.rebuildCount, version: catalog.version };
    for (let i = 0; i < 20; i++) {
      if (i === 10)
        await kit.dataSource.getRepository(Line).update({ username: 'bob' }, { status: LineStatus.Disabled });
      await changes.announce();
    }
    await within(
      1000,
      () => catalog.lineByAddress('bob', 'sip.catalog.test')!.status === LineStatus.Disabled,
      'burst',
    );
    await sleep(600);
    const rebuilds = catalog.rebuildCount - before.rebuilds;
    expect(rebuilds).toBeGreaterThanOrEqual(1);
    expect(rebuilds).toBeLessThanOrEqual(2);
    expect(catalog.version - before.version).toBe(rebuilds);
  });

  it('keeps serving the previous snapshot when a rebuild fails, and counts the failure', async () => {
    const registry = kit.app.get<Registry>(METRICS_REGISTRY);
    const failures = async () =>
      (await registry.getSingleMetric('tollgate_rating_catalog_rebuild_failures_total')!.get()).values[0]
        ?.value ?? 0;
    const before = { version: catalog.version, failures: await failures(), snapshot: catalog.current };
    await kit.dataSource.query('ALTER TABLE routing_plan_vendors RENAME TO routing_plan_vendors_away');
    try {
      await kit.dataSource.getRepository(Tenant).update({ id: ids.reseller }, { name: 'Renamed' });
      await changes.announce();
      const deadline = Date.now() + 2000;
      while ((await failures()) === before.failures && Date.now() < deadline) await sleep(20);
      expect(await failures()).toBe(before.failures + 1);
      expect(catalog.version).toBe(before.version);
      expect(catalog.current).toBe(before.snapshot);
      expect(catalog.current.tenant(ids.reseller)!.name).toBe('Catalog Reseller');
      expect(catalog.lineByAddress('alice', 'sip.catalog.test')).toBeDefined();
    } finally {
      await kit.dataSource.query('ALTER TABLE routing_plan_vendors_away RENAME TO routing_plan_vendors');
    }
    await announced();
    expect(catalog.current.tenant(ids.reseller)!.name).toBe('Renamed');
  });

  it('exposes its version, age, rebuild time and failures on /metrics', async () => {
    const metrics = await kit.app.inject({ method: 'GET', url: '/metrics' });
    const text = metrics.body;
    expect(metrics.statusCode).toBe(200);
    expect(text).toContain(`tollgate_rating_catalog_version{service="api"} ${catalog.version}`);
    expect(text).toMatch(/tollgate_rating_catalog_age_seconds\{service="api"\} \d/);
    expect(text).toMatch(/tollgate_rating_catalog_rebuild_seconds_count\{service="api"\} \d+/);
    expect(text).toContain('tollgate_rating_catalog_rebuild_failures_total{service="api"} 1');
  });
});

/** A second API process on the kit's database and the same Redis. */
function startReplica(databaseUrl: string): Promise<NestFastifyApplication> {
  return createApiApp(
    readApiEnvironment({
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      AUTH_SECRET: TEST_AUTH_SECRET,
    }),
  );
}
