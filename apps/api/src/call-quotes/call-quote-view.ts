import type { RatedLevel } from '@tollgate/cdr';
import type { RoundingMode } from '@tollgate/db';
import type { RatedCall } from '@tollgate/rating';
import type { QuotedCard } from './quote-account-call.service';

/** The customer's price with its full breakdown, and the levels the caller may see as a CDR shows them. */
export function toCallQuote(
  accountId: string,
  card: QuotedCard,
  call: RatedCall,
  levels: readonly RatedLevel[],
) {
  const rate = card.rates.get(call.rate.id!)!;
  return {
    accountId,
    rateCardId: card.row!.id,
    currency: call.currency,
    destination: call.destination,
    startedAt: call.startedAt,
    timeZone: card.row!.timezone,
    durationSeconds: call.durationSeconds,
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
      noChargeBelowSeconds: rate.noChargeBelow,
      roundingMode: rate.roundingMode as RoundingMode,
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
    levels: levels.map(({ tenantPath: _path, ...level }) => level),
  };
}
