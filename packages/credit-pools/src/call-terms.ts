import { createHash } from 'node:crypto';
import { createRate, type Money, type Rate, type RoundingMode } from '@tollgate/rating';
import { EXACT_LIMIT, RATE_DECIMALS, toUnits } from './micro-units';

/** What the scripts need of the sell rate matched at the call start: its conventions, not its prefix. */
export type CallRate = Pick<
  Rate,
  | 'currency'
  | 'pricePerMinute'
  | 'connectFee'
  | 'minCharge'
  | 'firstInterval'
  | 'nextInterval'
  | 'freeSeconds'
  | 'noChargeBelow'
  | 'rounding'
>;

/** The rate snapshot stored on a call, amounts as decimal strings (enough to rebuild the rate). */
export interface RateTermsSnapshot {
  readonly currency: string;
  readonly pricePerMinute: string;
  readonly connectFee: string;
  readonly minCharge: string;
  readonly firstInterval: number;
  readonly nextInterval: number;
  readonly freeSeconds: number;
  readonly noChargeBelow: number;
  readonly rounding: { readonly mode: RoundingMode; readonly decimals: number };
}

export interface ScriptTerms {
  readonly snapshot: RateTermsSnapshot;
  /** "price connectFee minCharge first next free noChargeBelow mode decimals", amounts in 1e-8 units. */
  readonly encoded: string;
}

/** Pool amounts are micro-units: a rate rounding to more than 6 decimals would cost fractions of them. */
const MAX_ROUNDING_DECIMALS = 6;

/**
 * The rate's terms in the integer units the Lua cost function uses. Refuses (RangeError) what the
 * script could not price exactly: amounts beyond 8 decimals, rounding beyond 6 decimals, or a price so
 * high that a call of `maxSeconds` would leave the exact range of a double.
 */
export function scriptTerms(rate: CallRate, maxSeconds: number): ScriptTerms {
  const { firstInterval, nextInterval, freeSeconds, noChargeBelow, rounding } = rate;
  for (const [what, seconds, minimum] of [
    ['firstInterval', firstInterval, 1],
    ['nextInterval', nextInterval, 1],
    ['freeSeconds', freeSeconds, 0],
    ['noChargeBelow', noChargeBelow, 0],
  ] as const) {
    if (!Number.isSafeInteger(seconds) || seconds < minimum) {
      throw new RangeError(`${what} must be an integer ≥ ${minimum}, got ${seconds}`);
    }
  }
  if (
    !Number.isInteger(rounding.decimals) ||
    rounding.decimals < 0 ||
    rounding.decimals > MAX_ROUNDING_DECIMALS
  ) {
    throw new RangeError(`rounding decimals must be 0..${MAX_ROUNDING_DECIMALS}, got ${rounding.decimals}`);
  }
  const price = rateUnits(rate.pricePerMinute, 'pricePerMinute');
  const connectFee = rateUnits(rate.connectFee, 'connectFee');
  const minCharge = rateUnits(rate.minCharge, 'minCharge');
  if (price < 0n || connectFee < 0n || minCharge < 0n)
    throw new RangeError('rate amounts must not be negative');
  const longestBilled = BigInt(maxSeconds + firstInterval + nextInterval);
  if (60n * connectFee + price * longestBilled >= EXACT_LIMIT || 60n * minCharge >= EXACT_LIMIT) {
    throw new RangeError(`rate too expensive to price ${maxSeconds} s exactly in the credit pool scripts`);
  }
  const snapshot: RateTermsSnapshot = {
    currency: rate.currency,
    pricePerMinute: decimalText(rate.pricePerMinute),
    connectFee: decimalText(rate.connectFee),
    minCharge: decimalText(rate.minCharge),
    firstInterval,
    nextInterval,
    freeSeconds,
    noChargeBelow,
    rounding: { mode: rounding.mode, decimals: rounding.decimals },
  };
  const encoded = [price, connectFee, minCharge, firstInterval, nextInterval, freeSeconds, noChargeBelow]
    .map(String)
    .concat(rounding.mode, String(rounding.decimals))
    .join(' ');
  return { snapshot, encoded };
}

// A rate card interns its amounts (one Money per distinct price), so the few thousand distinct prices of
// a deck are converted once each, not once per call. Amounts that fail are not kept: they fail every time.
const unitsByAmount = new WeakMap<Money, bigint>();
const textByAmount = new WeakMap<Money, string>();

function rateUnits(amount: Money, what: string): bigint {
  let units = unitsByAmount.get(amount);
  if (units === undefined) {
    units = toUnits(amount.amount, RATE_DECIMALS, what);
    unitsByAmount.set(amount, units);
  }
  return units;
}

function decimalText(amount: Money): string {
  let text = textByAmount.get(amount);
  if (text === undefined) {
    text = amount.toString();
    textByAmount.set(amount, text);
  }
  return text;
}

/** What makes a repeated reserve "the same call": tags, rate terms, cap and channel groups. */
export function reservationFingerprint(content: {
  fromTag: string;
  terms: ScriptTerms;
  maxSeconds: number;
  groups: readonly string[];
}): string {
  const canonical = JSON.stringify([
    content.fromTag,
    content.terms.snapshot.currency,
    content.terms.encoded,
    content.maxSeconds,
    [...content.groups].sort(),
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The rate a call was authorized at, rebuilt from its stored snapshot: what its final cost is rated with. */
export function rateOfSnapshot(terms: RateTermsSnapshot): Rate {
  return createRate(
    {
      prefix: '',
      pricePerMinute: terms.pricePerMinute,
      connectFee: terms.connectFee,
      minCharge: terms.minCharge,
      firstInterval: terms.firstInterval,
      nextInterval: terms.nextInterval,
      freeSeconds: terms.freeSeconds,
      noChargeBelow: terms.noChargeBelow,
      rounding: terms.rounding,
    },
    terms.currency,
  );
}
