import {
  RateCard,
  type PeriodDefinition,
  type RateInput,
  type RoundingMode,
  type Weekday,
} from '@tollgate/rating';

/**
 * How a stored rate card becomes the rating engine's card, for cdr-worker and the API's price quote
 * alike: the SQL text that reads its rows (run by the callers) and the pure compilation of those rows.
 */

/** A card that is not deleted (`$1`: its id). */
export const RATE_CARD_SQL = `
  SELECT card.id, card.currency, card.timezone, card.tenant_id AS "tenantId"
    FROM rate_cards card
   WHERE card.id = $1 AND card.deleted_at IS NULL`;

/**
 * Rates read as text straight from SQL (a million-row deck is not worth hydrating as entities); the
 * caller adds its WHERE, e.g. `WHERE rate.rate_card_id = $1`.
 */
export const RATE_ROWS_SQL = `
  SELECT rate.id, rate.prefix, rate.destination, rate.price_per_minute::text AS "pricePerMinute",
         rate.connect_fee::text AS "connectFee", rate.min_charge::text AS "minCharge",
         rate.first_interval AS "firstInterval", rate.next_interval AS "nextInterval",
         rate.free_seconds AS "freeSeconds", rate.no_charge_below_seconds AS "noChargeBelow",
         rate.rounding_mode::text AS "roundingMode", rate.rounding_decimals AS "roundingDecimals",
         rate.effective_from AS "effectiveFrom", rate.effective_to AS "effectiveTo", period.name AS period
    FROM rates rate LEFT JOIN rate_periods period ON period.id = rate.period_id`;

/** The periods of a card (`$1`: its id), in their order. */
export const PERIODS_OF_CARD_SQL = `
  SELECT name, weekdays, start_time AS "startTime", end_time AS "endTime",
         applies_on_holidays::text AS "appliesOnHolidays"
    FROM rate_periods WHERE rate_card_id = $1 ORDER BY position, name`;

/** The holidays of the card's tenant (`$1`: the tenant id). */
export const HOLIDAYS_OF_TENANT_SQL = `SELECT date::text AS date FROM holidays WHERE tenant_id = $1`;

export interface RateCardRow {
  id: string;
  currency: string;
  timezone: string;
  tenantId: string;
}

export interface RateRow {
  id: string;
  prefix: string;
  destination: string | null;
  pricePerMinute: string;
  connectFee: string;
  minCharge: string;
  firstInterval: number;
  nextInterval: number;
  freeSeconds: number;
  noChargeBelow: number;
  roundingMode: string;
  roundingDecimals: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  period: string | null;
}

export interface PeriodRow {
  name: string;
  weekdays: number[];
  startTime: string | null;
  endTime: string | null;
  appliesOnHolidays: string;
}

/** A compiled card, or why it cannot be used. */
export type CachedCard = { card: RateCard; problem?: undefined } | { card?: undefined; problem: string };

const ENGINE_ROUNDING: Record<string, RoundingMode> = {
  up: 'up',
  half_up: 'half-up',
  half_even: 'half-even',
  down: 'down',
};

/** The engine's card from its rows, or why the rows cannot be rated. */
export function compileRateCard(
  card: RateCardRow,
  periods: readonly PeriodRow[],
  holidays: readonly { date: string }[],
  rates: readonly RateRow[],
): CachedCard {
  try {
    return {
      card: RateCard.build({
        id: card.id,
        currency: card.currency,
        timeZone: card.timezone,
        periods: periods.map(toPeriodDefinition),
        holidays: holidays.map((holiday) => holiday.date),
        rates: rates.map(toRateInput),
      }),
    };
  } catch (error) {
    return { problem: `rate card ${card.id} cannot be rated: ${(error as Error).message}` };
  }
}

function toPeriodDefinition(period: PeriodRow): PeriodDefinition {
  const holiday =
    period.appliesOnHolidays === 'no' ? false : period.appliesOnHolidays === 'only' ? true : undefined;
  return {
    name: period.name,
    ...(period.weekdays.length > 0 ? { weekdays: period.weekdays as Weekday[] } : {}),
    ...(period.startTime !== null && period.endTime !== null
      ? { times: [{ from: period.startTime, to: period.endTime }] }
      : {}),
    ...(holiday !== undefined ? { holiday } : {}),
  };
}

function toRateInput(rate: RateRow): RateInput {
  return {
    id: rate.id,
    prefix: rate.prefix,
    ...(rate.destination !== null ? { destination: rate.destination } : {}),
    pricePerMinute: rate.pricePerMinute,
    connectFee: rate.connectFee,
    minCharge: rate.minCharge,
    firstInterval: rate.firstInterval,
    nextInterval: rate.nextInterval,
    freeSeconds: rate.freeSeconds,
    noChargeBelow: rate.noChargeBelow,
    rounding: { mode: ENGINE_ROUNDING[rate.roundingMode] ?? 'half-up', decimals: rate.roundingDecimals },
    effectiveFrom: rate.effectiveFrom,
    ...(rate.effectiveTo !== null ? { effectiveTo: rate.effectiveTo } : {}),
    ...(rate.period !== null ? { period: rate.period } : {}),
  };
}
