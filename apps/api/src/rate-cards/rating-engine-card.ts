import {
  type Holiday,
  PeriodHolidays,
  type Rate,
  type RateCard,
  type RatePeriod,
  RoundingMode,
} from '@tollgate/db';
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

export interface StoredRateCard {
  card: RateCard;
  rates: readonly Rate[];
  periods: readonly RatePeriod[];
  holidays: readonly Holiday[];
  timeZone: string;
}

/** Compiles stored rows into the rating engine's card; throws RangeError when a row cannot be rated. */
export function buildEngineRateCard(stored: StoredRateCard): EngineRateCard {
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

function toRateInput(rate: Rate, periodNames: ReadonlyMap<string, string>): RateInput {
  const period = rate.periodId === null ? undefined : periodNames.get(rate.periodId);
  if (rate.periodId !== null && period === undefined)
    throw new RangeError(`rate ${rate.id}: its period is not a period of the card`);
  return {
    id: rate.id,
    prefix: rate.prefix,
    ...(rate.destination !== null ? { destination: rate.destination } : {}),
    pricePerMinute: rate.pricePerMinute.toFixed(),
    connectFee: rate.connectFee.toFixed(),
    minCharge: rate.minCharge.toFixed(),
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
