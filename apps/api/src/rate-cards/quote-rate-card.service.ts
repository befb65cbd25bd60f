import { Injectable } from '@nestjs/common';
import { Holiday, Rate, RateCard, RatePeriod } from '@tollgate/db';
import { MAX_PREFIX_LENGTH, normalizeDestination, type RatedCall } from '@tollgate/rating';
import type { Actor } from '../audit/actor';
import { UnprocessableError } from '../http/domain-errors';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { QuoteRateCardQueryDto } from './dto/rate-quote.dto';
import { ratedCallBreakdown } from './rated-call-breakdown';
import { buildEngineRateCard, type StoredRateCard } from './rating-engine-card';
import { RATE_CARDS, RATES, RATE_PERIODS, HOLIDAYS } from './rate-card-resources';

/**
 * What a call would cost on a card, computed by the rating engine from the stored rates, periods and
 * holidays: the same function the CDR pipeline runs, so a quote proves the stored card is rateable.
 */
@Injectable()
export class QuoteRateCardService {
  private readonly cards: TenantResource<RateCard>;
  private readonly rates: TenantResource<Rate>;
  private readonly periods: TenantResource<RatePeriod>;
  private readonly holidays: TenantResource<Holiday>;

  constructor(resources: TenantResources) {
    this.cards = resources.of(RateCard, RATE_CARDS);
    this.rates = resources.of(Rate, RATES);
    this.periods = resources.of(RatePeriod, RATE_PERIODS);
    this.holidays = resources.of(Holiday, HOLIDAYS);
  }

  async quote(actor: Actor, rateCardId: string, query: QuoteRateCardQueryDto) {
    const card = await this.cards.get(actor, rateCardId);
    const digits = normalizeDestination(query.destination);
    if (digits === undefined)
      throw new UnprocessableError('the destination is not a phone number the card can rate', 'destination');
    const timeZone = query.timeZone ?? card.timezone;
    const startedAt = query.startedAt ?? new Date();
    const stored = await this.load(actor, card, digits, timeZone);
    const engineCard = compile(() => buildEngineRateCard(stored));
    const call = engineCard.rateCall({
      destination: digits,
      startedAt,
      durationSeconds: query.durationSeconds,
    });
    if (!call)
      throw new UnprocessableError(
        'no rate of the card matches this destination at that time',
        'destination',
      );
    return toQuote(card, timeZone, call, new Map(stored.rates.map((rate) => [rate.id, rate])));
  }

  /** The card's periods, its tenant's holidays and its rates on the prefixes of the destination. */
  private async load(
    actor: Actor,
    card: RateCard,
    digits: string,
    timeZone: string,
  ): Promise<StoredRateCard> {
    // Only rates whose prefix begins the destination can match: no need to load a whole deck.
    const prefixes = Array.from({ length: Math.min(digits.length, MAX_PREFIX_LENGTH) + 1 }, (_, length) =>
      digits.slice(0, length),
    );
    const rates = await this.rates
      .repository(actor)
      .query()
      .andWhere('row.rateCardId = :rateCardId', { rateCardId: card.id })
      .andWhere('row.prefix = ANY(:prefixes)', { prefixes })
      .getMany();
    const periods = await this.periods
      .repository(actor)
      .query()
      .andWhere('row.rateCardId = :rateCardId', { rateCardId: card.id })
      .getMany();
    const holidays = await this.holidays
      .repository(actor)
      .query()
      .andWhere('row.tenantId = :tenantId', { tenantId: card.tenantId })
      .getMany();
    return { card, rates, periods, holidays, timeZone };
  }
}

/** Rows written by other paths (seed, imports) may break the engine's rules: a 422, not a 500. */
function compile<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError)
      throw new UnprocessableError(`the stored rate card cannot be rated: ${error.message}`);
    throw error;
  }
}

function toQuote(card: RateCard, timeZone: string, call: RatedCall, stored: ReadonlyMap<string, Rate>) {
  const rate = stored.get(call.rate.id!)!;
  return {
    rateCardId: card.id,
    currency: call.currency,
    destination: call.destination,
    startedAt: call.startedAt,
    timeZone,
    durationSeconds: call.durationSeconds,
    ...ratedCallBreakdown(call, rate),
  };
}
