import {
  type Holiday,
  PeriodHolidays,
  type Rate,
  type RateCard,
  type RatePeriod,
  RoundingMode,
} from '@tollgate/db';
import type Decimal from 'decimal.js';
import {
  RateCard as EngineRateCard,
  type PeriodDefinition,
  type RateInput,
  type RoundingMode as EngineRoundingMode,
  type Weekday,
} from '@tollgate/rating';

/** The database spells rounding modes with underscores, the engine with hyphens. */
const ENGINE_ROUNDING: Record<RoundingMode, EngineRoundingMode> = {
  [RoundingMode.Up]: 'up',
  [RoundingMode.HalfUp]: 'half-up',
  [RoundingMode.HalfEven]: 'half-even',
  [RoundingMode.Down]: 'down',
};

const HOLIDAY_RULE: Record<PeriodHolidays, boolean | undefined> = {
  [PeriodHolidays.Yes]: undefined,
  [PeriodHolidays.No]: false,
  [PeriodHolidays.Only]: true,
};

/** A numeric column's value: a Decimal from an entity, or PostgreSQL's text from a raw row. */
export type DecimalText = Decimal | string;

export function decimalText(value: DecimalText): string {
  return typeof value === 'string' ? value : value.toFixed();
}

/** The columns a rate is compiled from: an entity, or a raw row with its amounts as text. */
export type StoredRate = Pick<
  Rate,
  | 'id'
  | 'periodId'
  | 'prefix'
  | 'destination'
  | 'firstInterval'
  | 'nextInterval'
  | 'freeSeconds'
  | 'noChargeBelowSeconds'
  | 'roundingMode'
  | 'roundingDecimals'
  | 'effectiveFrom'
  | 'effectiveTo'
> & { pricePerMinute: DecimalText; connectFee: DecimalText; minCharge: DecimalText };

export interface StoredRateCard<R extends StoredRate = Rate> {
  card: RateCard;
  rates: readonly R[];
  periods: readonly RatePeriod[];
  holidays: readonly Holiday[];
  timeZone: string;
}

/** Compiles stored rows into the rating engine's card; throws RangeError when a row cannot be rated. */
export function buildEngineRateCard(stored: StoredRateCard<StoredRate>): EngineRateCard {
  const periods = [...stored.periods].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const periodNames = new Map(periods.map((period) => [period.id, period.name]));
  return EngineRateCard.build({
    id: stored.card.id,
    currency: stored.card.currency,
    timeZone: stored.timeZone,
    periods: periods.map(toPeriodDefinition),
    holidays: stored.holidays.map((holiday) => holiday.date),
    rates: stored.rates.map((rate) => toRateInput(rate, periodNames)),
  });
}

function toPeriodDefinition(period: RatePeriod): PeriodDefinition {
  const holiday = HOLIDAY_RULE[period.appliesOnHolidays];
  return {
    name: period.name,
    ...(period.weekdays.length > 0 ? { weekdays: period.weekdays as Weekday[] } : {}),
    ...(period.startTime !== null && period.endTime !== null
      ? { times: [{ from: period.startTime, to: period.endTime }] }
      : {}),
    ...(holiday !== undefined ? { holiday } : {}),
  };
}

function toRateInput(rate: StoredRate, periodNames: ReadonlyMap<string, string>): RateInput {
  const period = rate.periodId === null ? undefined : periodNames.get(rate.periodId);
  if (rate.periodId !== null && period === undefined)
    throw new RangeError(`rate ${rate.id}: its period is not a period of the card`);
  return {
    id: rate.id,
    prefix: rate.prefix,
    ...(rate.destination !== null ? { destination: rate.destination } : {}),
    pricePerMinute: decimalText(rate.pricePerMinute),
    connectFee: decimalText(rate.connectFee),
    minCharge: decimalText(rate.minCharge),
    firstInterval: rate.firstInterval,
    nextInterval: rate.nextInterval,
    freeSeconds: rate.freeSeconds,
    noChargeBelow: rate.noChargeBelowSeconds,
    rounding: { mode: ENGINE_ROUNDING[rate.roundingMode], decimals: rate.roundingDecimals },
    effectiveFrom: rate.effectiveFrom,
    ...(rate.effectiveTo !== null ? { effectiveTo: rate.effectiveTo } : {}),
    ...(period !== undefined ? { period } : {}),
  };
}
