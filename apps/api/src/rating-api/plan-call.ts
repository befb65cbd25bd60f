import { AccountStatus, DidRouteKind, DidStatus, LineStatus, ServiceStatus } from '@tollgate/db';
import {
  createRate,
  normalizeDestination,
  orderVendors,
  type MarginGuard,
  type Rate,
  type VendorOrdering,
} from '@tollgate/rating';
import type { ChannelGroup } from '@tollgate/credit-pools';
import type {
  CatalogAccount,
  CatalogDid,
  CatalogLine,
  CatalogRoute,
  CatalogRoutingPlan,
  CatalogSnapshot,
  CatalogTrunk,
  CatalogVendorTrunk,
  RouteVendor,
} from '../rating-catalog/catalog-snapshot';
import type { RefusalReason } from './call-refusals';
import type { AuthorizeCallDto, Carrier } from './dto/rating-api.dto';
import type { RatingApiSettings } from './rating-api-settings';

export type CallDirection = 'outbound' | 'inbound';

/** Everything a call needs before its credit is reserved: who pays, at which rate, routed where. */
export interface CallPlan {
  readonly direction: CallDirection;
  readonly account: CatalogAccount;
  /** E.164 digits. */
  readonly destination: string;
  readonly rate: Rate;
  readonly carriers: readonly Carrier[];
  /** The account's concurrent-call limit (its own, else its service plan's); null = unlimited. */
  readonly maxCalls: number | null;
  readonly channels: readonly ChannelGroup[];
  /** Kept with the call for its CDR. */
  readonly details: Readonly<Record<string, string | null>>;
}

export interface CallRefusal {
  readonly reason: RefusalReason;
  /** Nobody could be identified: Kamailio should ask the caller for credentials. */
  readonly challenge?: boolean;
  readonly account?: CatalogAccount;
  readonly direction?: CallDirection;
  readonly destination?: string;
}

type Payer =
  | { kind: 'line'; line: CatalogLine; account: CatalogAccount; via: 'auth' | 'diversion' }
  | { kind: 'trunk'; trunk: CatalogTrunk; account: CatalogAccount };

/**
 * The pure half of `authorize`: reads one catalog snapshot and decides everything that needs no credit
 * pool. Who pays, in order: a diverting line, the authenticated line, the SIP trunk of the source
 * address, then the account a dialled DID is assigned to (an inbound call).
 */
export function planCall(
  snapshot: CatalogSnapshot,
  request: AuthorizeCallDto,
  now: Date,
  settings: RatingApiSettings,
): CallPlan | CallRefusal {
  const payer = identifyPayer(snapshot, request);
  if (payer === 'unknown-line') return { reason: 'unknown-party' };
  if (payer !== undefined) return planOutbound(snapshot, request, payer, now, settings);
  const digits = normalizeDestination(request.destination);
  const did = digits === undefined ? undefined : snapshot.didByNumber(digits);
  if (did !== undefined) return planInbound(snapshot, request, did, settings);
  if (snapshot.isBanned(request.sourceIp, snapshot.ownerPath)) return { reason: 'banned' };
  return { reason: 'unknown-party', challenge: true };
}

function identifyPayer(
  snapshot: CatalogSnapshot,
  request: AuthorizeCallDto,
): Payer | 'unknown-line' | undefined {
  if (request.diverterUser !== undefined && request.diverterDomain !== undefined) {
    const line = snapshot.lineByAddress(request.diverterUser, request.diverterDomain);
    const account = line && snapshot.account(line.accountId);
    if (line && account) return { kind: 'line', line, account, via: 'diversion' };
  }
  if (request.authUser !== undefined) {
    const line = snapshot.lineByAddress(request.authUser, request.authDomain ?? '');
    const account = line && snapshot.account(line.accountId);
    return line && account ? { kind: 'line', line, account, via: 'auth' } : 'unknown-line';
  }
  const trunk = snapshot.trunkBySourceIp(request.sourceIp);
  const account = trunk && snapshot.account(trunk.accountId);
  return trunk && account ? { kind: 'trunk', trunk, account } : undefined;
}

function planOutbound(
  snapshot: CatalogSnapshot,
  request: AuthorizeCallDto,
  payer: Payer,
  now: Date,
  settings: RatingApiSettings,
): CallPlan | CallRefusal {
  const { account } = payer;
  const refused = (reason: RefusalReason, destination?: string): CallRefusal => ({
    reason,
    account,
    direction: 'outbound',
    ...(destination === undefined ? {} : { destination }),
  });
  const locked = accountLock(snapshot, account, request.sourceIp) ?? payerLock(payer);
  if (locked) return refused(locked);
  const dialled =
    payer.kind === 'trunk' ? withoutTechPrefix(request.destination, payer.trunk) : request.destination;
  const digits = normalizeDestination(dialled);
  if (digits === undefined) return refused('no-rate');
  const routed = routeOutbound(snapshot, account, digits, now, request.callId);
  if (typeof routed === 'string') return refused(routed, digits);
  const { rate, routing, carriers } = routed;
  const party =
    payer.kind === 'line'
      ? { name: `line:${payer.line.id}`, max: payer.line.maxChannels }
      : { name: `trunk:${payer.trunk.id}`, max: payer.trunk.maxChannels };
  return {
    direction: 'outbound',
    account,
    destination: digits,
    rate,
    carriers,
    maxCalls: account.channels.total,
    channels: [{ name: 'out', max: account.channels.outbound }, party],
    details: {
      direction: 'outbound',
      destination: digits,
      dialled: request.destination,
      callerNumber: request.callerNumber ?? null,
      sourceIp: request.sourceIp,
      lineId: payer.kind === 'line' ? payer.line.id : null,
      trunkServiceId: payer.kind === 'trunk' ? payer.trunk.id : null,
      diverted: payer.kind === 'line' && payer.via === 'diversion' ? 'yes' : null,
      ratePrefix: rate.prefix,
      rateDestination: rate.destination ?? null,
      routingPlanId: routing.id,
      carriers: carriers.map((carrier) => carrier.trunkId).join(','),
      maxCallSeconds: String(settings.maxCallSeconds),
    },
  };
}

function planInbound(
  snapshot: CatalogSnapshot,
  request: AuthorizeCallDto,
  did: CatalogDid,
  settings: RatingApiSettings,
): CallPlan | CallRefusal {
  const account = did.accountId === null ? undefined : snapshot.account(did.accountId);
  if (did.status !== DidStatus.Assigned || account === undefined)
    return { reason: 'did-not-assigned', direction: 'inbound', destination: did.number };
  const refused = (reason: RefusalReason): CallRefusal => ({
    reason,
    account,
    direction: 'inbound',
    destination: did.number,
  });
  const locked = accountLock(snapshot, account, request.sourceIp);
  if (locked) return refused(locked);
  const target = inboundTarget(snapshot, did);
  if (typeof target === 'string') return refused(target);
  if (did.currency !== account.currency) return refused('currency-mismatch');
  return {
    direction: 'inbound',
    account,
    destination: did.number,
    rate: didRate(did),
    carriers: [{ ...target, timeoutSeconds: settings.inboundTimeoutSeconds }],
    maxCalls: account.channels.total,
    channels: [
      { name: 'in', max: account.channels.inbound },
      ...(target.line ? [{ name: `line:${target.line.id}`, max: target.line.maxChannels }] : []),
    ],
    details: {
      direction: 'inbound',
      destination: did.number,
      dialled: request.destination,
      callerNumber: request.callerNumber ?? null,
      sourceIp: request.sourceIp,
      didId: did.id,
      lineId: target.line?.id ?? null,
      trunkServiceId: did.routeKind === DidRouteKind.Trunk ? did.routeServiceId : null,
    },
  };
}

/** Why the account (or its source address) may not call now, if it may not. */
function accountLock(
  snapshot: CatalogSnapshot,
  account: CatalogAccount,
  sourceIp: string,
): RefusalReason | undefined {
  if (snapshot.isBanned(sourceIp, account.tenantPath)) return 'banned';
  if (account.status === AccountStatus.Suspended) return 'account-suspended';
  if (account.status === AccountStatus.Closed) return 'account-closed';
  return undefined;
}

function payerLock(payer: Payer): RefusalReason | undefined {
  if (payer.kind === 'trunk')
    return payer.trunk.status === ServiceStatus.Active ? undefined : 'trunk-suspended';
  if (!payer.line.domainEnabled) return 'domain-disabled';
  return payer.line.status === LineStatus.Active ? undefined : 'line-disabled';
}

function withoutTechPrefix(destination: string, trunk: CatalogTrunk): string {
  const prefix = trunk.techPrefix;
  return prefix && destination.startsWith(prefix) ? destination.slice(prefix.length) : destination;
}

/** Where an outbound call to `digits` goes, and at which sell rate: what `authorize` and the routing test share. */
export interface OutboundRoute {
  readonly rate: Rate;
  readonly routing: CatalogRoutingPlan;
  readonly route: CatalogRoute;
  /** The engine's ordering of the route's priced vendors (margin guard applied unless loss is allowed). */
  readonly ordering: VendorOrdering;
  /** The vendors used, at most the plan's `maxVendors`: the ordering's first ones. */
  readonly used: readonly RouteVendor[];
  /** Each used vendor's enabled gateways in turn. */
  readonly carriers: readonly Carrier[];
}

/**
 * The sell rate in force now for the account, then the routing plan's vendors in the order of its
 * strategy, as many as the plan allows, each vendor's enabled gateways in turn. The margin guard (unless
 * the plan allows loss) keeps out vendors dearer than the sell rate or below the plan's minimum margin.
 */
export function routeOutbound(
  snapshot: CatalogSnapshot,
  account: CatalogAccount,
  digits: string,
  now: Date,
  seed: string,
): OutboundRoute | RefusalReason {
  const plan = account.servicePlanId === null ? undefined : snapshot.servicePlan(account.servicePlanId);
  if (plan === undefined) return 'no-service-plan';
  const card = snapshot.sellCardFor(account);
  if (card === undefined) return 'internal';
  const rate = card.lookupDigits(digits, now.getTime());
  if (rate === undefined) return 'no-rate';
  if (rate.currency !== account.currency) return 'currency-mismatch';
  const routing = snapshot.routingFor(account);
  const route = routing && snapshot.vendorsFor(routing, digits);
  if (routing === undefined || route === undefined) return 'no-vendor';
  if (route.blocked) return 'blocked-destination';
  const ordering = orderVendors({
    destination: digits,
    at: now,
    vendors: route.vendors,
    strategy: route.strategy,
    seed,
    ...(routing.allowLoss ? {} : { marginGuard: marginGuard(routing, rate) }),
  });
  // orderVendors hands back the vendors it was given: the route's, with their catalog vendor.
  const used = ordering.routes.slice(0, routing.maxVendors).map((priced) => priced.vendor as RouteVendor);
  const carriers = used.flatMap(({ vendor }) =>
    vendor.trunks.map((trunk) => ({
      uri: gatewayUri(digits, trunk),
      timeoutSeconds: trunk.timeoutSeconds,
      lookup: false,
      vendorId: vendor.id,
      vendorName: vendor.name,
      trunkId: trunk.id,
    })),
  );
  if (carriers.length === 0) return 'no-vendor';
  return { rate, routing, route, ordering, used, carriers };
}

function marginGuard(routing: CatalogRoutingPlan, sell: Rate): MarginGuard {
  return {
    sell,
    ...(routing.marginGuardPercent === null ? {} : { minPercent: routing.marginGuardPercent }),
    ...(routing.marginGuardAmount === null ? {} : { minAmount: routing.marginGuardAmount }),
  };
}

/** The gateway's number format: `stripDigits` leading digits removed, then `addPrefix` in front. */
export function gatewayUri(digits: string, trunk: CatalogVendorTrunk): string {
  const number = trunk.addPrefix + digits.slice(trunk.stripDigits);
  const host = trunk.host.includes(':') && !trunk.host.startsWith('[') ? `[${trunk.host}]` : trunk.host;
  return `sip:${number}@${host}:${trunk.port};transport=${trunk.transport}`;
}

type InboundTarget = Omit<Carrier, 'timeoutSeconds'> & { line?: CatalogLine };

function inboundTarget(snapshot: CatalogSnapshot, did: CatalogDid): InboundTarget | RefusalReason {
  const none = { vendorId: null, vendorName: null, trunkId: null };
  switch (did.routeKind) {
    case DidRouteKind.Line: {
      const line = did.routeLineId === null ? undefined : snapshot.line(did.routeLineId);
      if (line === undefined) return 'did-not-routed';
      if (line.status !== LineStatus.Active || !line.domainEnabled) return 'line-disabled';
      return { uri: `sip:${line.username}@${line.domain}`, lookup: true, line, ...none };
    }
    case DidRouteKind.Trunk: {
      const trunk = did.routeServiceId === null ? undefined : snapshot.trunk(did.routeServiceId);
      const host = trunk?.sourceRanges[0]?.split('/')[0];
      if (trunk === undefined || host === undefined) return 'did-not-routed';
      if (trunk.status !== ServiceStatus.Active) return 'trunk-suspended';
      const uriHost = host.includes(':') ? `[${host}]` : host;
      return { uri: `sip:${did.number}@${uriHost}`, lookup: false, ...none };
    }
    case DidRouteKind.Uri:
      return did.routeUri === null ? 'did-not-routed' : { uri: did.routeUri, lookup: false, ...none };
    default:
      return 'did-not-routed';
  }
}

/**
 * An inbound DID minute is charged per second at the DID's sell price, the call total rounded once,
 * half-up to 6 decimals (the credit pool's precision).
 */
function didRate(did: CatalogDid): Rate {
  return createRate(
    {
      id: `did:${did.id}`,
      prefix: did.number,
      destination: 'Inbound DID',
      pricePerMinute: did.sellPerMinute,
      firstInterval: 1,
      nextInterval: 1,
      rounding: { mode: 'half-up', decimals: 6 },
    },
    did.currency,
  );
}
