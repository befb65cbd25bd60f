import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACCOUNT_PARTIES_SQL,
  cardIdsOf,
  compileRateCard,
  HOLIDAYS_OF_TENANT_SQL,
  PERIODS_OF_CARD_SQL,
  pricingLevelsOf,
  RATE_CARD_SQL,
  RATE_ROWS_SQL,
  rateCallLevels,
  splitPath,
  TENANT_PARTIES_SQL,
  tenantPartyOf,
  visibleLevels,
  type AccountParty,
  type CachedCard,
  type PeriodRow,
  type PricingParties,
  type RateCardRow,
  type RateRow,
  type TenantParty,
} from '@tollgate/cdr';
import { Account } from '@tollgate/db';
import { MAX_PREFIX_LENGTH, normalizeDestination } from '@tollgate/rating';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { viewerOf } from '../cdrs/cdr-view';
import { UnprocessableError } from '../http/domain-errors';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CallQuoteQueryDto } from './dto/call-quote.dto';
import { toCallQuote } from './call-quote-view';

export interface QuotedCard {
  row?: RateCardRow | undefined;
  compiled: CachedCard;
  rates: ReadonlyMap<string, RateRow>;
}

/**
 * What a call of an account would cost, at every level of the reseller chain: the price lists chosen
 * by `pricingLevelsOf` and priced by `rateCallLevels`, the functions cdr-worker rates the CDR with, from
 * rows read with the worker's own SQL. Only the rates on prefixes of the destination are read (the
 * only ones the longest-prefix match can pick), so a million-rate deck costs a few rows. Once the
 * account is known to be in the caller's scope its price lists are read whoever asks (an end user may
 * not read rate cards, but may know its own price); the levels shown are those the caller may see.
 */
@Injectable()
export class QuoteAccountCallService {
  private readonly accounts;

  constructor(
    resources: TenantResources,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
  }

  async quote(actor: Actor, accountId: string, query: CallQuoteQueryDto) {
    const account = await this.accounts.get(actor, accountId);
    if (!account.servicePlanId)
      throw new UnprocessableError('the account has no service plan, so no sell rates', 'servicePlanId');
    const digits = normalizeDestination(query.destination);
    if (digits === undefined)
      throw new UnprocessableError('the destination is not a phone number the card can rate', 'destination');
    const answeredAt = query.startedAt ?? new Date();
    const parties = await this.partiesOf(account.id);
    const cards = await this.cardsOf(cardIdsOf(parties), digits);
    const levels = pricingLevelsOf(
      { accountId: account.id, direction: 'outbound', rate: null },
      parties,
      (id) => cards.get(id)!.compiled,
    );
    const call = { destination: digits, ratedAt: answeredAt, durationSeconds: query.durationSeconds };
    const rated = rateCallLevels(call, levels);
    const sellCard = cards.get(parties.account.sellRateCardId!)!;
    if (sellCard.compiled.card === undefined) throw new UnprocessableError(sellCard.compiled.problem);
    // The breakdown of the customer's price: the same compiled card and call as its level.
    const breakdown = sellCard.compiled.card.rateCall({ ...call, startedAt: answeredAt });
    if (breakdown === undefined)
      throw new UnprocessableError(
        'no rate of the card matches this destination at that time',
        'destination',
      );
    const customer = rated.levels[0]!;
    if (customer.problem !== null) throw new UnprocessableError(customer.problem);
    const visible = visibleLevels(rated.levels, viewerOf(actor.scope));
    return toCallQuote(account.id, sellCard, breakdown, visible);
  }

  private async partiesOf(accountId: string): Promise<PricingParties & { account: AccountParty }> {
    const [account] = (await this.dataSource.query(ACCOUNT_PARTIES_SQL, [[accountId]])) as AccountParty[];
    const tenantRows = (await this.dataSource.query(TENANT_PARTIES_SQL, [
      splitPath(account!.tenantPath),
    ])) as TenantParty[];
    return { account: account!, tenants: new Map(tenantRows.map((row) => [row.id, tenantPartyOf(row)])) };
  }

  private async cardsOf(ids: readonly string[], digits: string): Promise<Map<string, QuotedCard>> {
    const prefixes = Array.from({ length: Math.min(digits.length, MAX_PREFIX_LENGTH) + 1 }, (_, length) =>
      digits.slice(0, length),
    );
    const cards = new Map<string, QuotedCard>();
    for (const id of ids) cards.set(id, await this.cardOf(id, prefixes));
    return cards;
  }

  private async cardOf(id: string, prefixes: readonly string[]): Promise<QuotedCard> {
    const [card] = (await this.dataSource.query(RATE_CARD_SQL, [id])) as RateCardRow[];
    if (card === undefined) return { compiled: { problem: `rate card ${id} is deleted` }, rates: new Map() };
    const periods = (await this.dataSource.query(PERIODS_OF_CARD_SQL, [id])) as PeriodRow[];
    const holidays = (await this.dataSource.query(HOLIDAYS_OF_TENANT_SQL, [card.tenantId])) as Array<{
      date: string;
    }>;
    const rates = (await this.dataSource.query(
      `${RATE_ROWS_SQL} WHERE rate.rate_card_id = $1 AND rate.prefix = ANY($2::text[])`,
      [id, prefixes],
    )) as RateRow[];
    return {
      row: card,
      compiled: compileRateCard(card, periods, holidays, rates),
      rates: new Map(rates.map((rate) => [rate.id, rate])),
    };
  }
}
