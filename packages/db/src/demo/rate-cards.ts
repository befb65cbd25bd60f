import Decimal from 'decimal.js';
import { PeriodHolidays, Rate, RateCard, RateCardKind, RatePeriod, RoundingMode } from '../entities';
import type { DemoContext, DemoTenant } from './context';
import { firstOfNextMonth, localMidnight } from './dates';
import { DEMO_DESTINATIONS, type PriceColumn, priceOf } from './destinations';

interface DemoRateCard {
  name: string;
  tenant: DemoTenant;
  kind: RateCardKind;
  currency: string;
  timezone: string;
  description: string;
  /** The column of DEMO_DESTINATIONS its prices come from. */
  prices: PriceColumn;
  /** Pulses of its rates (seconds of the first interval, then of every next one), unless overridden. */
  pulses: { first: number; next: number };
  /** How a call total is rounded, once. */
  rounding: { mode: RoundingMode; decimals: number };
}

/**
 * The dashboard's 7 rate cards: each vendor's buy card (4 in EUR, 1 in USD), the owner's sell card
 * (its own customers' plans, and what it charges Demo Reseller) and the reseller's own sell card.
 */
export const DEMO_RATE_CARDS: DemoRateCard[] = [
  {
    name: 'Wholesale EUR',
    tenant: 'owner',
    kind: RateCardKind.Sell,
    currency: 'EUR',
    timezone: 'Europe/Berlin',
    description: "Demo Telecom's sell deck: its customers' plans, and Demo Reseller's buy card",
    prices: 'wholesale',
    pulses: { first: 30, next: 6 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 4 },
  },
  {
    name: 'Retail EUR',
    tenant: 'reseller',
    kind: RateCardKind.Sell,
    currency: 'EUR',
    timezone: 'Europe/Paris',
    description: "Demo Reseller's deck for its own customers",
    prices: 'retail',
    pulses: { first: 60, next: 60 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 4 },
  },
  {
    name: 'Alpine Voice buy EUR',
    tenant: 'owner',
    kind: RateCardKind.Buy,
    currency: 'EUR',
    timezone: 'Europe/Zurich',
    description: 'Alpine Voice Exchange, premium A-Z, per-second billing',
    prices: 'alpine',
    pulses: { first: 1, next: 1 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 6 },
  },
  {
    name: 'Baltic Transit buy EUR',
    tenant: 'owner',
    kind: RateCardKind.Buy,
    currency: 'EUR',
    timezone: 'Europe/Riga',
    description: 'Baltic Transit, standard A-Z',
    prices: 'baltic',
    pulses: { first: 30, next: 6 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 6 },
  },
  {
    name: 'Celtic Carrier buy EUR',
    tenant: 'owner',
    kind: RateCardKind.Buy,
    currency: 'EUR',
    timezone: 'Europe/Dublin',
    description: 'Celtic Carrier Services, CLI routes',
    prices: 'celtic',
    pulses: { first: 60, next: 1 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 6 },
  },
  {
    name: 'Danube Telecom buy EUR',
    tenant: 'owner',
    kind: RateCardKind.Buy,
    currency: 'EUR',
    timezone: 'Europe/Vienna',
    description: 'Danube Telecom Wholesale, Europe, Middle East and Africa',
    prices: 'danube',
    pulses: { first: 1, next: 1 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 6 },
  },
  {
    name: 'Atlantic Bridge buy USD',
    tenant: 'owner',
    kind: RateCardKind.Buy,
    currency: 'USD',
    timezone: 'America/New_York',
    description: 'Atlantic Bridge Networks, North America and A-Z, billed in USD',
    prices: 'atlantic',
    pulses: { first: 6, next: 6 },
    rounding: { mode: RoundingMode.HalfUp, decimals: 6 },
  },
];

/** Local date from which every demo rate is in force (midnight in the card's time zone). */
export const DEMO_RATES_FROM = '2025-01-01';

/** Rows that differ from their card's defaults. */
export const DEMO_RATE_OVERRIDES: Array<{
  card: string;
  prefix: string;
  connectFee?: string;
  pulses?: { first: number; next: number };
  minCharge?: string;
}> = [
  { card: 'Wholesale EUR', prefix: '4990', connectFee: '0.0500', pulses: { first: 60, next: 60 } },
  { card: 'Retail EUR', prefix: '4990', connectFee: '0.0900', pulses: { first: 60, next: 60 } },
  { card: 'Retail EUR', prefix: '1242', minCharge: '0.2490' },
  { card: 'Alpine Voice buy EUR', prefix: '1242', connectFee: '0.0100' },
  { card: 'Atlantic Bridge buy USD', prefix: '1242', pulses: { first: 60, next: 60 } },
];

/** Time-of-day periods, tried by position: peak on working days, off-peak the rest and on holidays. */
export const DEMO_RATE_PERIODS: Array<{
  card: string;
  name: string;
  position: number;
  /** ISO weekdays, 1 = Monday; empty = every day. */
  weekdays: number[];
  startTime: string | null;
  endTime: string | null;
  appliesOnHolidays: PeriodHolidays;
}> = [
  {
    card: 'Wholesale EUR',
    name: 'Peak',
    position: 0,
    weekdays: [1, 2, 3, 4, 5],
    startTime: '08:00',
    endTime: '20:00',
    appliesOnHolidays: PeriodHolidays.No,
  },
  {
    card: 'Wholesale EUR',
    name: 'Off-peak',
    position: 1,
    weekdays: [],
    startTime: null,
    endTime: null,
    appliesOnHolidays: PeriodHolidays.Yes,
  },
];

/**
 * Period-specific prices; they beat the period-less rate of the same prefix while their period is in
 * force (pulses and rounding as that rate's). Still above every vendor's price.
 */
export const DEMO_PERIOD_RATES: Array<{
  card: string;
  period: string;
  prefix: string;
  pricePerMinute: string;
}> = [
  { card: 'Wholesale EUR', period: 'Peak', prefix: '49', pricePerMinute: '0.0120' },
  { card: 'Wholesale EUR', period: 'Off-peak', prefix: '49', pricePerMinute: '0.0080' },
  { card: 'Wholesale EUR', period: 'Off-peak', prefix: '44', pricePerMinute: '0.0080' },
  { card: 'Wholesale EUR', period: 'Off-peak', prefix: '4915', pricePerMinute: '0.0700' },
  { card: 'Wholesale EUR', period: 'Off-peak', prefix: '4916', pricePerMinute: '0.0700' },
  { card: 'Wholesale EUR', period: 'Off-peak', prefix: '4917', pricePerMinute: '0.0700' },
];

/**
 * Announced price changes: from the first day of next month (local midnight) the new price replaces the
 * current rate, whose `effectiveTo` is that instant, so calls until then keep the old price.
 */
export const DEMO_SCHEDULED_CHANGES: Array<{ card: string; prefix: string; pricePerMinute: string }> = [
  { card: 'Wholesale EUR', prefix: '447', pricePerMinute: '0.0290' },
];

type RateRow = Omit<Rate, 'id' | 'tenant' | 'rateCard' | 'period' | 'createdAt' | 'updatedAt'>;

/** The cards, their periods and rates (about 30-40 prefixes each). */
export async function insertRateCards(context: DemoContext): Promise<void> {
  for (const card of DEMO_RATE_CARDS) {
    const tenantId = context.tenants[card.tenant].id;
    const saved = await context.manager.getRepository(RateCard).save(
      context.manager.create(RateCard, {
        tenantId,
        name: card.name,
        kind: card.kind,
        currency: card.currency,
        timezone: card.timezone,
        description: card.description,
      }),
    );
    context.ids.set('rateCard', card.name, saved.id);
    await insertPeriods(context, card, tenantId, saved.id);
    const base = baseRates(card, tenantId, saved.id);
    const rows = [...base, ...periodRates(context, card, base), ...scheduledChanges(context, card, base)];
    await context.manager.getRepository(Rate).insert(rows);
  }
}

async function insertPeriods(context: DemoContext, card: DemoRateCard, tenantId: string, rateCardId: string) {
  for (const { card: cardName, name, ...period } of DEMO_RATE_PERIODS) {
    if (cardName !== card.name) continue;
    const saved = await context.manager
      .getRepository(RatePeriod)
      .save(context.manager.create(RatePeriod, { ...period, tenantId, rateCardId, name }));
    context.ids.set('ratePeriod', `${card.name}/${name}`, saved.id);
  }
}

function baseRates(card: DemoRateCard, tenantId: string, rateCardId: string): RateRow[] {
  const effectiveFrom = localMidnight(DEMO_RATES_FROM, card.timezone);
  return DEMO_DESTINATIONS.flatMap((row) => {
    const pricePerMinute = priceOf(row, card.prices);
    if (pricePerMinute === undefined) return [];
    const override = DEMO_RATE_OVERRIDES.find((o) => o.card === card.name && o.prefix === row.prefix);
    const pulses = override?.pulses ?? card.pulses;
    return [
      {
        tenantId,
        rateCardId,
        periodId: null,
        prefix: row.prefix,
        destination: row.destination,
        pricePerMinute: new Decimal(pricePerMinute),
        connectFee: new Decimal(override?.connectFee ?? '0'),
        firstInterval: pulses.first,
        nextInterval: pulses.next,
        minCharge: new Decimal(override?.minCharge ?? '0'),
        freeSeconds: 0,
        noChargeBelowSeconds: 0,
        roundingMode: card.rounding.mode,
        roundingDecimals: card.rounding.decimals,
        effectiveFrom,
        effectiveTo: null,
      },
    ];
  });
}

/** Period rates take everything but the price from the card's period-less rate of their prefix. */
function periodRates(context: DemoContext, card: DemoRateCard, base: RateRow[]): RateRow[] {
  return DEMO_PERIOD_RATES.filter((rate) => rate.card === card.name).map((rate) => ({
    ...rateOf(base, card, rate.prefix),
    periodId: context.ids.get('ratePeriod', `${card.name}/${rate.period}`),
    pricePerMinute: new Decimal(rate.pricePerMinute),
  }));
}

/** Ends the current period-less rate at the change and adds its successor from then on. */
function scheduledChanges(context: DemoContext, card: DemoRateCard, base: RateRow[]): RateRow[] {
  const changesAt = localMidnight(firstOfNextMonth(context.now, card.timezone), card.timezone);
  return DEMO_SCHEDULED_CHANGES.filter((change) => change.card === card.name).map((change) => {
    const current = rateOf(base, card, change.prefix);
    current.effectiveTo = changesAt;
    return {
      ...current,
      pricePerMinute: new Decimal(change.pricePerMinute),
      effectiveFrom: changesAt,
      effectiveTo: null,
    };
  });
}

function rateOf(base: RateRow[], card: DemoRateCard, prefix: string): RateRow {
  const rate = base.find((row) => row.prefix === prefix);
  if (!rate) throw new Error(`demo seed: ${card.name} has no rate for ${prefix}`);
  return rate;
}
