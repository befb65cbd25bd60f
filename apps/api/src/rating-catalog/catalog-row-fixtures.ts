import {
  AccountStatus,
  BillingType,
  type Holiday,
  LineStatus,
  PeriodHolidays,
  type Rate,
  type RateCard,
  RateCardKind,
  type RatePeriod,
  RoundingMode,
  RoutingStrategy,
  ServiceStatus,
  SipTransport,
  TenantKind,
} from '@tollgate/db';
import Decimal from 'decimal.js';
import type {
  AccountRow,
  BanRow,
  CatalogRows,
  DomainRow,
  LineRow,
  RateCardRow,
  RoutingAssignmentRow,
  RoutingPlanRow,
  RoutingRuleRow,
  ServicePlanRow,
  TenantRow,
  TenantSettingsRow,
  TrunkServiceRow,
  VendorRow,
  VendorTrunkRow,
} from './catalog-rows';

// Rows as the loader reads them, built in memory: for the snapshot builder's tests and its benchmark.

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
export type FixtureRows = Mutable<CatalogRows>;

let sequence = 0;

/** A fresh UUID-shaped id, unique in the process. */
export function fixtureId(): string {
  return `00000000-0000-4000-8000-${(++sequence).toString(16).padStart(12, '0')}`;
}

export function emptyRows(): FixtureRows {
  return {
    tenants: [],
    tenantSettings: [],
    accounts: [],
    balances: [],
    domains: [],
    lines: [],
    trunks: [],
    bans: [],
    dids: [],
    servicePlans: [],
    rateCards: [],
    vendors: [],
    vendorTrunks: [],
    routingPlans: [],
    routingRules: [],
    routingAssignments: [],
  };
}

export function tenantRow(parent?: TenantRow, values: Partial<TenantRow> = {}): TenantRow {
  const id = values.id ?? fixtureId();
  return {
    id,
    kind: parent ? TenantKind.Reseller : TenantKind.Owner,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    name: `Tenant ${id.slice(-4)}`,
    ...values,
  };
}

export function settingsRow(tenantId: string, values: Partial<TenantSettingsRow> = {}): TenantSettingsRow {
  return {
    tenantId,
    defaultCurrency: 'EUR',
    defaultTimezone: 'UTC',
    buyRateCardId: null,
    billingType: BillingType.Prepaid,
    creditLimit: new Decimal(0),
    ...values,
  };
}

export function accountRow(tenantId: string, values: Partial<AccountRow> = {}): AccountRow {
  const id = values.id ?? fixtureId();
  return {
    id,
    tenantId,
    code: `C-${id.slice(-6)}`,
    name: `Customer ${id.slice(-6)}`,
    status: AccountStatus.Active,
    billingType: BillingType.Prepaid,
    creditLimit: new Decimal(0),
    currency: 'EUR',
    timezone: 'UTC',
    maxChannels: null,
    maxInboundChannels: null,
    maxOutboundChannels: null,
    servicePlanId: null,
    ...values,
  };
}

export function domainRow(tenantId: string, name: string, values: Partial<DomainRow> = {}): DomainRow {
  return { id: fixtureId(), tenantId, name, enabled: true, ...values };
}

export function lineRow(
  account: AccountRow,
  domain: DomainRow,
  username: string,
  values: Partial<LineRow> = {},
): LineRow {
  return {
    id: fixtureId(),
    tenantId: account.tenantId,
    accountId: account.id,
    domainId: domain.id,
    username,
    status: LineStatus.Active,
    maxChannels: null,
    callerIdName: null,
    callerIdNumber: null,
    ...values,
  };
}

export function trunkRow(
  account: AccountRow,
  ranges: string[],
  values: Partial<TrunkServiceRow> = {},
): TrunkServiceRow {
  return {
    id: fixtureId(),
    tenantId: account.tenantId,
    accountId: account.id,
    name: `Trunk ${ranges[0] ?? ''}`,
    status: ServiceStatus.Active,
    allowedSourceIps: ranges,
    techPrefix: null,
    maxChannels: null,
    ...values,
  };
}

export function banRow(tenantId: string, cidr: string, expiresAt: Date | null = null): BanRow {
  return { id: fixtureId(), tenantId, cidr, expiresAt };
}

export function servicePlanRow(
  tenantId: string,
  sellRateCardId: string,
  values: Partial<ServicePlanRow> = {},
): ServicePlanRow {
  return {
    id: fixtureId(),
    tenantId,
    name: `Plan ${sequence}`,
    sellRateCardId,
    routingPlanId: null,
    includedMinutes: 0,
    maxChannels: null,
    currency: 'EUR',
    active: true,
    ...values,
  };
}

export interface RateSpec extends Partial<Omit<Rate, 'pricePerMinute'>> {
  prefix: string;
  pricePerMinute: string;
}

export function rateRow(card: Pick<RateCard, 'id' | 'tenantId'>, spec: RateSpec): Rate {
  const { pricePerMinute, ...values } = spec;
  return {
    id: fixtureId(),
    tenantId: card.tenantId,
    rateCardId: card.id,
    periodId: null,
    destination: null,
    pricePerMinute: new Decimal(pricePerMinute),
    connectFee: new Decimal(0),
    minCharge: new Decimal(0),
    firstInterval: 60,
    nextInterval: 60,
    freeSeconds: 0,
    noChargeBelowSeconds: 0,
    roundingMode: RoundingMode.HalfUp,
    roundingDecimals: 4,
    effectiveFrom: new Date('2020-01-01T00:00:00Z'),
    effectiveTo: null,
    ...values,
  } as Rate;
}

export function periodRow(
  card: Pick<RateCard, 'id' | 'tenantId'>,
  values: Partial<RatePeriod> & { name: string },
): RatePeriod {
  return {
    id: fixtureId(),
    tenantId: card.tenantId,
    rateCardId: card.id,
    position: 0,
    weekdays: [],
    startTime: null,
    endTime: null,
    appliesOnHolidays: PeriodHolidays.Yes,
    ...values,
  } as RatePeriod;
}

export function holidayRow(tenantId: string, date: string): Holiday {
  return { id: fixtureId(), tenantId, date, name: `Holiday ${date}` } as Holiday;
}

export interface CardSpec extends Partial<Pick<RateCard, 'id' | 'name' | 'kind' | 'currency' | 'timezone'>> {
  tenantId: string;
}

/** A card row with its content; `rates` may be a function of the card (for periods known only then). */
export function rateCardRow(
  spec: CardSpec,
  content: {
    rates?: RateSpec[] | ((card: RateCard) => Rate[]);
    periods?: (card: RateCard) => RatePeriod[];
    holidays?: Holiday[];
  } = {},
  fingerprint = '1',
): RateCardRow {
  const card = {
    id: fixtureId(),
    name: `Card ${sequence}`,
    kind: RateCardKind.Sell,
    currency: 'EUR',
    timezone: 'UTC',
    description: null,
    ...spec,
  } as RateCard;
  const rates =
    typeof content.rates === 'function'
      ? content.rates(card)
      : (content.rates ?? []).map((rate) => rateRow(card, rate));
  return {
    card,
    fingerprint,
    content: { rates, periods: content.periods?.(card) ?? [], holidays: content.holidays ?? [] },
  };
}

export function vendorRow(
  tenantId: string,
  buyRateCardId: string | null,
  values: Partial<VendorRow> = {},
): VendorRow {
  const id = values.id ?? fixtureId();
  return {
    id,
    tenantId,
    name: `Vendor ${id.slice(-4)}`,
    currency: 'EUR',
    enabled: true,
    buyRateCardId,
    priority: 0,
    weight: 1,
    qualityScore: null,
    blockedPrefixes: [],
    ...values,
  };
}

export function vendorTrunkRow(vendorId: string, values: Partial<VendorTrunkRow> = {}): VendorTrunkRow {
  return {
    id: fixtureId(),
    vendorId,
    name: 'gw',
    host: 'gw.example.net',
    port: 5060,
    transport: SipTransport.Udp,
    stripDigits: 0,
    addPrefix: '',
    maxChannels: null,
    timeoutSeconds: 30,
    enabled: true,
    ...values,
  };
}

export function routingPlanRow(tenantId: string, values: Partial<RoutingPlanRow> = {}): RoutingPlanRow {
  return {
    id: fixtureId(),
    tenantId,
    name: `Routing ${sequence}`,
    strategy: RoutingStrategy.Lcr,
    marginGuardPercent: null,
    marginGuardAmount: null,
    allowLoss: false,
    maxVendors: 3,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    ...values,
  };
}

export function routingRuleRow(
  plan: RoutingPlanRow,
  prefix: string,
  values: Partial<RoutingRuleRow> = {},
): RoutingRuleRow {
  return { id: fixtureId(), routingPlanId: plan.id, prefix, strategy: null, blocked: false, ...values };
}

export function assignmentRow(
  plan: RoutingPlanRow,
  vendor: VendorRow,
  prefix = '',
  values: Partial<RoutingAssignmentRow> = {},
): RoutingAssignmentRow {
  return {
    id: fixtureId(),
    routingPlanId: plan.id,
    prefix,
    vendorId: vendor.id,
    priority: null,
    weight: null,
    ...values,
  };
}
