import { RoundingMode } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp, timeZone } from '../../http/field-schemas';

const amount = (description: string) =>
  z.string().meta({ description: `${description}, an exact decimal string`, example: '0.42' });

export class QuoteRateCardQueryDto extends createZodDto(
  z.object({
    destination: z.string().trim().min(1).max(200).meta({
      description: 'dialled number: E.164 digits, +…, 00… or a sip:/tel: URI',
      example: '442071234567',
    }),
    startedAt: timestamp.optional().meta({ description: 'answer time; now when omitted' }),
    durationSeconds: z.coerce.number().int().min(0).max(86_400),
    timeZone: timeZone.optional().meta({
      description: "zone the periods and holidays are read in; the card's timezone when omitted",
    }),
  }),
) {}

const quotedRate = z.object({
  id: z.uuid(),
  prefix: z.string(),
  destination: nullableText(),
  period: nullableText().meta({ description: 'name of the period of the rate; null = any time' }),
  pricePerMinute: amount('price of 60 billed seconds'),
  connectFee: amount('connect fee'),
  minCharge: amount('minimum charge'),
  firstInterval: z.int(),
  nextInterval: z.int(),
  freeSeconds: z.int(),
  noChargeBelowSeconds: z.int(),
  roundingMode: z.enum(RoundingMode),
  roundingDecimals: z.int(),
  effectiveFrom: timestamp.nullable(),
  effectiveTo: timestamp.nullable(),
});

export const rateQuoteSchema = z.object({
  rateCardId: z.uuid(),
  currency: z.string(),
  destination: z.string().meta({ description: 'the destination as E.164 digits' }),
  startedAt: timestamp,
  timeZone: z.string(),
  durationSeconds: z.int(),
  rate: quotedRate.meta({ description: 'the rate matched at the call start: its pulses and rounding apply' }),
  answered: z.boolean(),
  belowNoCharge: z.boolean(),
  freeSeconds: z.int(),
  chargeableSeconds: z.int(),
  billedSeconds: z.int(),
  connectFee: amount('connect fee charged'),
  parts: z.array(
    z.object({
      rateId: z.uuid(),
      period: nullableText(),
      fromSecond: z.int(),
      billedSeconds: z.int(),
      pricePerMinute: amount('price per minute of these seconds'),
      amount: amount('price of these seconds, unrounded'),
    }),
  ),
  timeCharge: amount('sum of the parts, unrounded'),
  minChargeApplied: z.boolean(),
  unrounded: amount('connect fee + time charge, raised to the minimum charge, before rounding'),
  total: amount('the amount billed, rounded once, with the rate decimals'),
});

export class RateQuoteDto extends createZodDto(rateQuoteSchema, { codec: true }) {}
