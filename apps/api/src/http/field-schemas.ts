import Decimal from 'decimal.js';
import { z } from 'zod';

// Field types shared by every resource's DTOs. Money travels as a decimal string, never a JSON number,
// so no client or proxy can turn it into a float.

const isDecimal = z.custom<Decimal>((value) => Decimal.isDecimal(value), { error: 'must be a decimal' });

/** A decimal as `text` validates it outside (a JSON string), an exact `Decimal` inside. */
export function decimalCodec(text: z.ZodType<string, string>, example: string) {
  return z
    .codec(text, isDecimal, {
      decode: (value) => new Decimal(value),
      encode: (value) => value.toFixed(),
    })
    .meta({ example });
}

/** An amount with at most 6 decimals, e.g. "12.5", "-0.000125": an exact `Decimal` inside, a string outside. */
export const money = decimalCodec(
  z.string().regex(/^-?\d{1,14}(\.\d{1,6})?$/, {
    error: 'must be a decimal string with at most 6 decimals, e.g. "12.50"',
  }),
  '12.50',
);

/** A price of a rate (per minute, connect fee): non-negative, at most 8 decimals. */
export const ratePrice = decimalCodec(
  z.string().regex(/^\d{1,12}(\.\d{1,8})?$/, {
    error: 'must be a non-negative decimal string with at most 8 decimals, e.g. "0.0125"',
  }),
  '0.0125',
);

/** A moment, as an ISO 8601 string outside and a `Date` inside. */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (value) => new Date(value),
  encode: (value) => value.toISOString(),
});

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code in capitals, e.g. "EUR"' });

export const timeZone = z
  .string()
  .refine(isTimeZone, { error: 'must be an IANA time zone, e.g. "Europe/Berlin"' });

export const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour as #rrggbb' });

/**
 * A text that may be null. Bounded on purpose: @nestjs/swagger reads the JSON Schema of an unbounded
 * nullable string (`type: ["string", "null"]`) as an array of strings, a bounded one comes out right.
 */
export const nullableText = (maxLength = 10_000) => z.string().max(maxLength).nullable();

export const idParameter = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
