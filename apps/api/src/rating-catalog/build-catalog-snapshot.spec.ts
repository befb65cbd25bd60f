import {
  AccountStatus,
  LineStatus,
  PeriodHolidays,
  RateCardKind,
  RoutingStrategy,
  ServiceStatus,
  TenantKind,
} from '@tollgate/db';
import { orderVendors, rateResellerChain } from '@tollgate/rating';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogSnapshot } from './build-catalog-snapshot';
import {
  accountRow,
  assignmentRow,
  banRow,
  domainRow,
  emptyRows,
  type FixtureRows,
  holidayRow,
  lineRow,
  periodRow,
  rateCardRow,
  rateRow,
  routingPlanRow,
  routingRuleRow,
  servicePlanRow,
  settingsRow,
  tenantRow,
  trunkRow,
  vendorRow,
  vendorTrunkRow,
} from './catalog-row-fixtures';
import type { CatalogAccount, CatalogSnapshot } from './catalog-snapshot';

const MONDAY_PEAK = Date.parse('2026-11-23T10:30:00Z'); // London is on UTC in November
const SATURDAY = Date.parse('2026-11-28T10:30:00Z');
const CHRISTMAS_FRIDAY = Date.parse('2026-12-25T10:30:00Z');
const LOADED_AT = new Date('2026-11-23T10:00:00Z');

/** A platform: owner, reseller R with sub-reseller S, sibling reseller T; cards, vendors, routing, lines. */
function platform() {
  const rows = emptyRows();
  const owner = tenantRow(undefined, { name: 'Owner' });
  const r = tenantRow(owner, { name: 'R' });
  const s = tenantRow(r, { name: 'S' });
  const t = tenantRow(owner, { name: 'T' });
  const ownerSell = rateCardRow(
    { tenantId: owner.id, name: 'Retail', timezone: 'Europe/London' },
    {
      periods: (card) => [
        periodRow(card, {
          name: 'peak',
          weekdays: [1, 2, 3, 4, 5],
          startTime: '08:00:00',
          endTime: '19:00:00',
          appliesOnHolidays: PeriodHolidays.No,
        }),
      ],
      rates: [
        { prefix: '44', pricePerMinute: '0.10' },
        { prefix: '4420', pricePerMinute: '0.05' },
      ],
      holidays: [holidayRow(owner.id, '2026-12-25')],
    },
  );
  // The peak rate needs the id of the card's peak period.
  const peakPeriod = ownerSell.content!.periods[0]!;
  (ownerSell.content!.rates as unknown[]).push(
    rateRow(ownerSell.card, { prefix: '4420', pricePerMinute: '0.08', periodId: peakPeriod.id }),
  );
  const resellerSell = rateCardRow(
    { tenantId: r.id, name: 'R retail' },
    { rates: [{ prefix: '44', pricePerMinute: '0.20' }] },
  );
  const rBuy = rateCardRow(
    { tenantId: owner.id, name: 'R buys' },
    { rates: [{ prefix: '44', pricePerMinute: '0.07' }] },
  );
  const sBuy = rateCardRow(
    { tenantId: r.id, name: 'S buys' },
    { rates: [{ prefix: '44', pricePerMinute: '0.09' }] },
  );
  const buy = (name: string, rates: Array<[string, string]>) =>
    rateCardRow(
      { tenantId: owner.id, name, kind: RateCardKind.Buy },
      { rates: rates.map(([prefix, pricePerMinute]) => ({ prefix, pricePerMinute })) },
    );
  const cardA = buy('A', [['44', '0.02']]);
  const cardB = buy('B', [
    ['44', '0.03'],
    ['4420', '0.01'],
  ]);
  const cardD = buy('D', [['44', '0.001']]);
  const vendorA = vendorRow(owner.id, cardA.card.id, { name: 'A', priority: 5 });
  const vendorB = vendorRow(owner.id, cardB.card.id, {
    name: 'B',
    priority: 7,
    qualityScore: new Decimal('9.5'),
  });
  const vendorC = vendorRow(owner.id, null, { name: 'C' });
  const vendorD = vendorRow(owner.id, cardD.card.id, { name: 'D', enabled: false, priority: 1 });
  const routing = routingPlanRow(owner.id, { name: 'LCR', createdAt: new Date('2024-01-01T00:00:00Z') });
  const newerRouting = routingPlanRow(owner.id, { name: 'Newer', strategy: RoutingStrategy.Mcr });
  const ownerPlan = servicePlanRow(owner.id, ownerSell.card.id, {
    routingPlanId: routing.id,
    maxChannels: 30,
  });
  const resellerPlan = servicePlanRow(r.id, resellerSell.card.id);
  const a1 = accountRow(owner.id, { servicePlanId: ownerPlan.id });
  const a2 = accountRow(s.id, { servicePlanId: resellerPlan.id, maxChannels: 5, maxInboundChannels: 2 });
  const a3 = accountRow(t.id, { status: AccountStatus.Suspended });
  const ownerDomain = domainRow(owner.id, 'sip.example.com');
  const resellerDomain = domainRow(r.id, 'voice.reseller.test', { enabled: false });
  const goneDomainId = '00000000-0000-4000-8000-ffffffffffff';
  Object.assign(rows, {
    tenants: [owner, r, s, t],
    tenantSettings: [
      settingsRow(owner.id),
      settingsRow(r.id, { buyRateCardId: rBuy.card.id, creditLimit: new Decimal('150.5') }),
      settingsRow(s.id, { buyRateCardId: sBuy.card.id }),
    ],
    accounts: [a1, a2, a3, accountRow('00000000-0000-4000-8000-eeeeeeeeeeee')],
    domains: [ownerDomain, resellerDomain],
    lines: [
      lineRow(a1, ownerDomain, 'alice', { maxChannels: 2, callerIdNumber: '+442071230000' }),
      lineRow(a2, resellerDomain, 'Bob', { status: LineStatus.Disabled }),
      lineRow(a1, { ...ownerDomain, id: goneDomainId }, 'ghost'),
    ],
    trunks: [
      trunkRow(a1, ['203.0.113.0/24'], { techPrefix: '0451' }),
      trunkRow(a2, ['203.0.113.128/25', '2001:db8:1::/48'], { status: ServiceStatus.Suspended }),
      trunkRow(a3, ['not-a-range']),
    ],
    bans: [
      banRow(owner.id, '198.51.100.0/24'),
      banRow(r.id, '192.0.2.0/24'),
      banRow(t.id, '100.64.0.1', new Date(LOADED_AT.getTime() + 3_600_000)),
      banRow(s.id, '2001:db8:bad::/48'),
    ],
    servicePlans: [ownerPlan, resellerPlan],
    rateCards: [ownerSell, resellerSell, rBuy, sBuy, cardA, cardB, cardD],
    vendors: [vendorA, vendorB, vendorC, vendorD],
    vendorTrunks: [
      vendorTrunkRow(vendorA.id, { name: 'b-secondary', host: 'gw2.a.test' }),
      vendorTrunkRow(vendorA.id, { name: 'a-primary', host: 'gw1.a.test', stripDigits: 2, addPrefix: '00' }),
      vendorTrunkRow(vendorA.id, { name: 'c-off', enabled: false }),
    ],
    routingPlans: [newerRouting, routing],
    routingRules: [
      routingRuleRow(routing, '4990', { blocked: true }),
      routingRuleRow(routing, '4420', { strategy: RoutingStrategy.Priority }),
      routingRuleRow(routing, '447', { strategy: RoutingStrategy.Mcr }),
    ],
    routingAssignments: [
      assignmentRow(routing, vendorA),
      assignmentRow(routing, vendorB),
      assignmentRow(routing, vendorC),
      assignmentRow(routing, vendorB, '4420', { priority: 1 }),
      assignmentRow(routing, vendorD, '4420', { priority: 3 }),
      assignmentRow(routing, vendorA, '4990'),
    ],
  } satisfies Partial<FixtureRows>);
  return { rows, owner, r, s, t, a1, a2, a3, ownerSell, cardB, routing, resellerPlan, vendorA };
}

describe('catalog snapshot builder', () => {
  let world: ReturnType<typeof platform>;
  let snapshot: CatalogSnapshot;
  const account = (id: string): CatalogAccount => snapshot.account(id)!;

  beforeAll(() => {
    world = platform();
    snapshot = buildCatalogSnapshot(world.rows, { version: 7, loadedAt: LOADED_AT });
  });

  it('keeps the version and load time it was given, and counts what it holds', () => {
    expect(snapshot.version).toBe(7);
    expect(snapshot.loadedAt).toEqual(LOADED_AT);
    expect(snapshot.counts).toMatchObject({ tenants: 4, accounts: 3, lines: 2, servicePlans: 2, vendors: 4 });
  });

  it('resolves tenants with their lineage and settings, and accounts with their channel limits', () => {
    expect(snapshot.tenant(world.s.id)).toMatchObject({
      kind: TenantKind.Reseller,
      lineage: [world.owner.id, world.r.id, world.s.id],
      buyRateCardId: expect.any(String),
    });
    expect(snapshot.tenant(world.r.id)!.creditLimit).toBe('150.5');
    expect(account(world.a1.id)).toMatchObject({
      tenantPath: world.owner.path,
      channels: { total: 30, inbound: null },
    });
    expect(account(world.a2.id).channels).toEqual({ total: 5, inbound: 2, outbound: null });
    expect(account(world.a3.id).status).toBe(AccountStatus.Suspended);
    expect(account(world.a1.id).creditLimit.toString()).toBe('0');
    expect(account(world.a1.id).creditLimit.currency).toBe('EUR');
    expect(snapshot.account('00000000-0000-4000-8000-eeeeeeeeeeee')).toBeUndefined();
  });

  it('finds lines by user@domain with the domain in any case, and never a line of a deleted domain', () => {
    expect(snapshot.lineByAddress('alice', 'SIP.Example.COM')).toMatchObject({
      accountId: world.a1.id,
      domain: 'sip.example.com',
      domainEnabled: true,
      status: LineStatus.Active,
      maxChannels: 2,
      callerIdNumber: '+442071230000',
    });
    expect(snapshot.lineByAddress('Bob', 'voice.reseller.test')).toMatchObject({
      status: LineStatus.Disabled,
      domainEnabled: false,
    });
    expect(snapshot.lineByAddress('bob', 'voice.reseller.test')).toBeUndefined();
    expect(snapshot.lineByAddress('ghost', 'sip.example.com')).toBeUndefined();
    expect(JSON.stringify(snapshot.lineByAddress('alice', 'sip.example.com'))).not.toMatch(/ha1/);
  });

  it('finds the trunk of the longest source range and reports ranges it cannot read', () => {
    expect(snapshot.trunkBySourceIp('203.0.113.7')).toMatchObject({
      accountId: world.a1.id,
      techPrefix: '0451',
    });
    expect(snapshot.trunkBySourceIp('203.0.113.200')).toMatchObject({
      accountId: world.a2.id,
      status: ServiceStatus.Suspended,
    });
    expect(snapshot.trunkBySourceIp('::ffff:203.0.113.200')!.accountId).toBe(world.a2.id);
    expect(snapshot.trunkBySourceIp('2001:db8:1:ffff::1')!.accountId).toBe(world.a2.id);
    expect(snapshot.trunkBySourceIp('198.51.100.1')).toBeUndefined();
    expect(snapshot.problems).toContainEqual(expect.stringContaining('not-a-range is not a network'));
  });

  it("applies a tenant's bans to its subtree, the owner's everywhere, and checks expiry at lookup", () => {
    const { owner, r, s, t } = world;
    expect(snapshot.isBanned('198.51.100.9', t.path)).toBe(true);
    expect(snapshot.isBanned('198.51.100.9', owner.path)).toBe(true);
    expect(snapshot.isBanned('192.0.2.1', s.path)).toBe(true);
    expect(snapshot.isBanned('192.0.2.1', r.path)).toBe(true);
    expect(snapshot.isBanned('192.0.2.1', t.path)).toBe(false);
    expect(snapshot.isBanned('192.0.2.1', owner.path)).toBe(false);
    expect(snapshot.isBanned('2001:db8:bad:1::1', s.path)).toBe(true);
    expect(snapshot.isBanned('2001:db8:bad:1::1', r.path)).toBe(false);
    const beforeExpiry = LOADED_AT.getTime() + 3_599_000;
    expect(snapshot.isBanned('100.64.0.1', t.path, beforeExpiry)).toBe(true);
    expect(snapshot.isBanned('100.64.0.1', t.path, beforeExpiry + 1_000)).toBe(false);
    expect(snapshot.isBanned('203.0.113.1', s.path)).toBe(false);
  });

  it("prices with the account's sell card: longest prefix, the card's periods, time zone and holidays", () => {
    const card = snapshot.sellCardFor(account(world.a1.id))!;
    expect(card.id).toBe(world.ownerSell.card.id);
    expect(card.lookup('+442071234567', MONDAY_PEAK)!.pricePerMinute.toString()).toBe('0.08');
    expect(card.lookup('+442071234567', SATURDAY)!.pricePerMinute.toString()).toBe('0.05');
    expect(card.lookup('+442071234567', CHRISTMAS_FRIDAY)!.pricePerMinute.toString()).toBe('0.05');
    expect(card.lookup('+447700900000', MONDAY_PEAK)!.pricePerMinute.toString()).toBe('0.1');
    expect(card.lookup('+33123456789', MONDAY_PEAK)).toBeUndefined();
    expect(
      snapshot.sellCardFor(account(world.a2.id))!.lookup('+44', MONDAY_PEAK)!.pricePerMinute.toString(),
    ).toBe('0.2');
    expect(snapshot.sellCardFor(account(world.a3.id))).toBeUndefined();
  });

  it('gives the buy card of every reseller level up to the owner, nearest first', () => {
    const chain = snapshot.resellerChainFor(account(world.a2.id));
    expect(chain.map((level) => level.tenantId)).toEqual([world.s.id, world.r.id]);
    const call = { destination: '+447700900000', startedAt: MONDAY_PEAK, durationSeconds: 60 };
    const cost = rateResellerChain(call, [
      { id: 'customer', card: snapshot.sellCardFor(account(world.a2.id))! },
      ...chain.map((level) => ({ id: level.id, card: level.card! })),
    ]);
    expect(cost.levels.map((level) => level.cost?.total.toString())).toEqual(['0.2', '0.09', '0.07']);
    expect(snapshot.resellerChainFor(account(world.a1.id))).toEqual([]);
  });

  it("routes by the plan's longest prefix rule, with effective priorities, as the engine expects", () => {
    const plan = snapshot.routingFor(account(world.a1.id))!;
    expect(plan.id).toBe(world.routing.id);
    const byDefault = snapshot.vendorsFor(plan, '33123456789')!;
    expect(byDefault).toMatchObject({
      matchedPrefix: '',
      prefixRuleId: null,
      strategy: 'lcr',
      vendorSource: 'default',
    });
    expect(byDefault.vendors.map((vendor) => [vendor.vendor.name, vendor.priority])).toEqual([
      ['A', 5],
      ['B', 7],
    ]);
    expect(byDefault.unpriced.map((vendor) => vendor.name)).toEqual(['C']);
    const own = snapshot.vendorsFor(plan, '442071234567')!;
    expect(own).toMatchObject({
      matchedPrefix: '4420',
      strategy: 'priority',
      vendorSource: 'prefix',
      blocked: false,
    });
    expect(own.vendors.map((vendor) => [vendor.vendor.name, vendor.priority, vendor.enabled])).toEqual([
      ['B', 1, true],
      ['D', 3, false],
    ]);
    const inherited = snapshot.vendorsFor(plan, '447700900000')!;
    expect(inherited).toMatchObject({ matchedPrefix: '447', strategy: 'mcr', vendorSource: 'default' });
    expect(inherited.vendors).toBe(byDefault.vendors);
    expect(snapshot.vendorsFor(plan, '4990123')).toMatchObject({ blocked: true, vendors: [], unpriced: [] });
    expect(snapshot.vendorsFor(plan, '499')!.matchedPrefix).toBe('');

    const ordered = orderVendors({
      destination: '447700900000',
      at: MONDAY_PEAK,
      vendors: byDefault.vendors,
      strategy: 'lcr',
    });
    expect(ordered.routes.map((route) => route.vendor.id)).toEqual([
      world.vendorA.id,
      byDefault.vendors[1]!.id,
    ]);
  });

  it("hands vendors' enabled gateways by name, with their number rewriting", () => {
    expect(snapshot.vendor(world.vendorA.id)!.trunks).toEqual([
      expect.objectContaining({
        name: 'a-primary',
        host: 'gw1.a.test',
        stripDigits: 2,
        addPrefix: '00',
        timeoutSeconds: 30,
      }),
      expect.objectContaining({ name: 'b-secondary' }),
    ]);
    expect(snapshot.vendor(world.cardB.card.id)).toBeUndefined();
  });

  it('follows the oldest routing plan of the nearest tenant above when a plan has none', () => {
    expect(snapshot.routingFor(account(world.a2.id))!.id).toBe(world.routing.id);
    expect(snapshot.routingFor(account(world.a3.id))).toBeUndefined();
  });

  it('leaves out a card that cannot be rated, naming it, and serves everything else', () => {
    const { rows, ownerSell } = platform();
    const broken = rateCardRow(
      { tenantId: ownerSell.card.tenantId, id: ownerSell.card.id },
      { rates: [{ prefix: '44', pricePerMinute: '0.1', periodId: '00000000-0000-4000-8000-000000000bad' }] },
    );
    rows.rateCards = rows.rateCards.map((row) => (row.card.id === ownerSell.card.id ? broken : row));
    const built = buildCatalogSnapshot(rows, { version: 1, loadedAt: LOADED_AT });
    const a1 = built.account(rows.accounts[0]!.id)!;
    expect(built.sellCardFor(a1)).toBeUndefined();
    expect(built.rateCard(ownerSell.card.id)!.problem).toContain('not a period of the card');
    expect(built.problems).toContainEqual(expect.stringContaining(`rate card ${ownerSell.card.id}`));
    expect(built.lineByAddress('alice', 'sip.example.com')).toBeDefined();
    expect(built.routingFor(a1)).toBeDefined();
  });

  it('reuses compiled cards whose fingerprint did not change, and compiles the changed ones', () => {
    const next = {
      ...world.rows,
      rateCards: world.rows.rateCards.map((row) =>
        row.card.id === world.cardB.card.id
          ? rateCardRow(
              { ...row.card, tenantId: row.card.tenantId },
              { rates: [{ prefix: '44', pricePerMinute: '0.04' }] },
              '2',
            )
          : { card: row.card, fingerprint: row.fingerprint },
      ),
    };
    const rebuilt = buildCatalogSnapshot(next, { version: 8, loadedAt: LOADED_AT, previous: snapshot });
    const a1 = rebuilt.account(world.a1.id)!;
    expect(rebuilt.sellCardFor(a1)).toBe(snapshot.sellCardFor(account(world.a1.id)));
    expect(rebuilt.rateCard(world.cardB.card.id)!.engine).not.toBe(
      snapshot.rateCard(world.cardB.card.id)!.engine,
    );
    const route = rebuilt.vendorsFor(rebuilt.routingFor(a1)!, '447700900000')!;
    expect(
      route.vendors
        .find((vendor) => vendor.vendor.name === 'B')!
        .card.lookup('+44', MONDAY_PEAK)!
        .pricePerMinute.toString(),
    ).toBe('0.04');

    const withoutPrevious = buildCatalogSnapshot(next, { version: 1, loadedAt: LOADED_AT });
    expect(withoutPrevious.sellCardFor(withoutPrevious.account(world.a1.id)!)).toBeUndefined();
    expect(withoutPrevious.problems).toContainEqual(expect.stringContaining('its rates were not loaded'));
  });
});
