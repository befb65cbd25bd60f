import type Decimal from 'decimal.js';
import { toDecimal, type DecimalValue } from './money';

/** An exact decimal as `units × 10^-scale`: compared and multiplied with bigint arithmetic, exactly. */
export interface ScaledInteger {
  readonly units: bigint;
  readonly scale: number;
}

// Rate amounts are immutable and few distinct ones are compared again and again (a vendor's buy price,
// a plan's margin): each is converted once. Text thresholds are kept in a bounded map.
const byDecimal = new WeakMap<Decimal, ScaledInteger>();
const byText = new Map<string, ScaledInteger>();
const MAX_TEXTS = 1_000;

export function scaledOf(value: DecimalValue): ScaledInteger {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'string') {
    const known = byText.get(value);
    if (known !== undefined) return known;
    const scaled = fromPlainText(toDecimal(value).toFixed());
    if (byText.size >= MAX_TEXTS) byText.clear();
    byText.set(value, scaled);
    return scaled;
  }
  const known = byDecimal.get(value);
  if (known !== undefined) return known;
  const scaled = fromPlainText(value.toFixed());
  byDecimal.set(value, scaled);
  return scaled;
}

/** `toFixed()` text (no exponent): the digits without the point, scaled by the digits after it. */
function fromPlainText(text: string): ScaledInteger {
  const point = text.indexOf('.');
  if (point < 0) return { units: BigInt(text), scale: 0 };
  return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
}

/** `value` in units of 10^-scale, scale at least its own. */
export function unitsAt(value: ScaledInteger, scale: number): bigint {
  return scale === value.scale ? value.units : value.units * 10n ** BigInt(scale - value.scale);
}

export function compareScaled(a: ScaledInteger, b: ScaledInteger): number {
  const scale = Math.max(a.scale, b.scale);
  const left = unitsAt(a, scale);
  const right = unitsAt(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}
