import type { RatedLevel } from '@tollgate/cdr';
import type { RoundingMode } from '@tollgate/db';
import type { RatedCall } from '@tollgate/rating';
import { ratedCallBreakdown } from '../rate-cards/rated-call-breakdown';
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
    ...ratedCallBreakdown(call, {
      ...rate,
      noChargeBelowSeconds: rate.noChargeBelow,
      roundingMode: rate.roundingMode as RoundingMode,
    }),
    levels: levels.map(({ tenantPath: _path, ...level }) => level),
  };
}
