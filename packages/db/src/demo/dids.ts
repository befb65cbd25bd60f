import Decimal from 'decimal.js';
import { Account, Did, DidEvent, DidRouteKind, DidStatus, Line, Service } from '../entities';
import { type DemoContext, type DemoTenant, tenantId } from './context';
import { hoursAfter } from './dates';

interface DemoDid {
  tenant: DemoTenant;
  /** E.164 digits from the regulators' ranges for fiction (BNetzA, ARCEP). */
  number: string;
  country: string;
  vendor: string | null;
  status: DidStatus;
  /** Account code of the holder (assigned, reserved, porting). */
  account?: string;
  /** An inbound route: a line's username, a trunk service's name, or a SIP URI. */
  route?: { kind: DidRouteKind; target: string };
  reservedForDays?: number;
  quarantinedForDays?: number;
  buy: [setup: string, monthly: string, perMinute: string];
  sell: [setup: string, monthly: string, perMinute: string];
}

const BERLIN_BUY: DemoDid['buy'] = ['1.00', '0.50', '0.0010'];
const BERLIN_SELL: DemoDid['sell'] = ['5.00', '2.00', '0.0000'];
const PARIS_SELL: DemoDid['sell'] = ['0.00', '3.00', '0.0000'];

/** The dashboard's 12 DIDs: 10 in the owner's inventory, 2 the reseller sells to its customer. */
export const DEMO_DIDS: DemoDid[] = [
  {
    tenant: 'owner',
    number: '493023125020',
    country: 'DE',
    vendor: 'Alpine Voice Exchange',
    status: DidStatus.Assigned,
    account: 'DT-1001',
    route: { kind: DidRouteKind.Line, target: 'kiezcafe-1' },
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '493023125021',
    country: 'DE',
    vendor: 'Alpine Voice Exchange',
    status: DidStatus.Assigned,
    account: 'DT-1001',
    route: { kind: DidRouteKind.Line, target: 'kiezcafe-2' },
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '494066969200',
    country: 'DE',
    vendor: 'Danube Telecom Wholesale',
    status: DidStatus.Assigned,
    account: 'DT-1002',
    route: { kind: DidRouteKind.Line, target: 'nordwind-100' },
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '494066969201',
    country: 'DE',
    vendor: 'Danube Telecom Wholesale',
    status: DidStatus.Assigned,
    account: 'DT-1002',
    route: { kind: DidRouteKind.Trunk, target: 'Nordwind HQ trunk' },
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '494066969202',
    country: 'DE',
    vendor: 'Danube Telecom Wholesale',
    status: DidStatus.Assigned,
    account: 'DT-1002',
    route: { kind: DidRouteKind.Uri, target: 'sip:ivr@pbx.nordwind-logistik.example' },
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '494066969203',
    country: 'DE',
    vendor: 'Danube Telecom Wholesale',
    status: DidStatus.Reserved,
    account: 'DT-1002',
    reservedForDays: 3,
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '494066969204',
    country: 'DE',
    vendor: 'Danube Telecom Wholesale',
    status: DidStatus.PortingIn,
    account: 'DT-1002',
    buy: ['0.00', '0.50', '0.0010'],
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '493023125022',
    country: 'DE',
    vendor: 'Alpine Voice Exchange',
    status: DidStatus.Available,
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '493023125023',
    country: 'DE',
    vendor: 'Alpine Voice Exchange',
    status: DidStatus.Available,
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'owner',
    number: '493023125024',
    country: 'DE',
    vendor: 'Alpine Voice Exchange',
    status: DidStatus.Quarantined,
    quarantinedForDays: 20,
    buy: BERLIN_BUY,
    sell: BERLIN_SELL,
  },
  {
    tenant: 'reseller',
    number: '33199001001',
    country: 'FR',
    vendor: null,
    status: DidStatus.Assigned,
    account: 'DR-2001',
    route: { kind: DidRouteKind.Line, target: 'lumiere-1' },
    buy: ['0.00', '1.50', '0.0000'],
    sell: PARIS_SELL,
  },
  {
    tenant: 'reseller',
    number: '33199001002',
    country: 'FR',
    vendor: null,
    status: DidStatus.Assigned,
    account: 'DR-2001',
    route: { kind: DidRouteKind.Line, target: 'lumiere-2' },
    buy: ['0.00', '1.50', '0.0000'],
    sell: PARIS_SELL,
  },
];

export async function insertDids(context: DemoContext): Promise<void> {
  for (const demo of DEMO_DIDS) {
    const did = await context.manager.getRepository(Did).save({
      tenantId: tenantId(context, demo.tenant),
      number: demo.number,
      country: demo.country,
      currency: 'EUR',
      vendorId: demo.vendor ? context.ids.get('vendor', demo.vendor) : null,
      status: demo.status,
      accountId: demo.account ? await accountId(context, demo.account) : null,
      reservedUntil: demo.reservedForDays ? hoursAfter(context.now, demo.reservedForDays * 24) : null,
      quarantinedUntil: demo.quarantinedForDays
        ? hoursAfter(context.now, demo.quarantinedForDays * 24)
        : null,
      ...(await route(context, demo.route)),
      buySetupFee: new Decimal(demo.buy[0]),
      buyMonthlyFee: new Decimal(demo.buy[1]),
      buyPerMinute: new Decimal(demo.buy[2]),
      sellSetupFee: new Decimal(demo.sell[0]),
      sellMonthlyFee: new Decimal(demo.sell[1]),
      sellPerMinute: new Decimal(demo.sell[2]),
    });
    await context.manager.getRepository(DidEvent).insert(history(did));
  }
}

async function accountId(context: DemoContext, code: string): Promise<string> {
  return (await context.manager.getRepository(Account).findOneByOrFail({ code })).id;
}

async function route(context: DemoContext, demo: DemoDid['route']) {
  const none = { routeKind: null, routeLineId: null, routeServiceId: null, routeUri: null };
  if (!demo) return none;
  switch (demo.kind) {
    case DidRouteKind.Line: {
      const line = await context.manager.getRepository(Line).findOneByOrFail({ username: demo.target });
      return { ...none, routeKind: demo.kind, routeLineId: line.id };
    }
    case DidRouteKind.Trunk: {
      const service = await context.manager.getRepository(Service).findOneByOrFail({ name: demo.target });
      return { ...none, routeKind: demo.kind, routeServiceId: service.id };
    }
    case DidRouteKind.Uri:
      return { ...none, routeKind: demo.kind, routeUri: demo.target };
  }
}

/** The steps that led each number to its present state. */
function history(did: Did): Array<Partial<DidEvent>> {
  const step = (event: string, fromStatus: DidStatus | null, toStatus: DidStatus) => ({
    tenantId: did.tenantId,
    didId: did.id,
    event,
    fromStatus,
    toStatus,
    accountId: toStatus === DidStatus.Available || toStatus === DidStatus.Quarantined ? null : did.accountId,
  });
  const added = step('added', null, DidStatus.Available);
  switch (did.status) {
    case DidStatus.Available:
      return [added];
    case DidStatus.PortingIn:
      return [{ ...step('port_in_requested', null, DidStatus.PortingIn) }];
    case DidStatus.Quarantined:
      return [
        added,
        step('assigned', DidStatus.Available, DidStatus.Assigned),
        step('released', DidStatus.Assigned, DidStatus.Quarantined),
      ];
    default:
      return [added, step(did.status, DidStatus.Available, did.status)];
  }
}
