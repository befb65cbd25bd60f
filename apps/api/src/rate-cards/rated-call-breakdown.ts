import type { RoundingMode } from '@tollgate/db';
import type { RatedCall } from '@tollgate/rating';

/** The stored rate a call was priced with, as the price quotes show it. */
export interface QuotedRate {
  id: string;
  prefix: string;
  destination: string | null;
  firstInterval: number;
  nextInterval: number;
  freeSeconds: number;
  noChargeBelowSeconds: number;
  roundingMode: RoundingMode;
  roundingDecimals: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

/**
 * A rated call's breakdown, from the rate matched to the rounded total: the body both price quotes share
 * (a rate card's, `GET /rate-cards/{id}/quote`, and an account's, `GET /accounts/{id}/call-quote`).
 */
export function ratedCallBreakdown(call: RatedCall, rate: QuotedRate) {
  return {
    rate: {
      id: rate.id,
      prefix: rate.prefix,
      destination: rate.destination,
      period: call.rate.period ?? null,
      pricePerMinute: call.rate.pricePerMinute.toString(),
      connectFee: call.rate.connectFee.toString(),
      minCharge: call.rate.minCharge.toString(),
      firstInterval: rate.firstInterval,
      nextInterval: rate.nextInterval,
      freeSeconds: rate.freeSeconds,
      noChargeBelowSeconds: rate.noChargeBelowSeconds,
      roundingMode: rate.roundingMode,
      roundingDecimals: rate.roundingDecimals,
      effectiveFrom: rate.effectiveFrom,
      effectiveTo: rate.effectiveTo,
    },
    answered: call.answered,
    belowNoCharge: call.belowNoCharge,
    freeSeconds: call.freeSeconds,
    chargeableSeconds: call.chargeableSeconds,
    billedSeconds: call.billedSeconds,
    connectFee: call.connectFee.toString(),
    parts: call.parts.map((part) => ({
      rateId: part.rate.id!,
      period: part.period ?? null,
      fromSecond: part.fromSecond,
      billedSeconds: part.billedSeconds,
      pricePerMinute: part.rate.pricePerMinute.toString(),
      amount: part.amount.toString(),
    })),
    timeCharge: call.timeCharge.toString(),
    minChargeApplied: call.minChargeApplied,
    unrounded: call.unrounded.toString(),
    total: call.total.toFixed(call.rounding.decimals),
  };
}
