import { Injectable } from '@nestjs/common';
import { RateCard } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { ConflictError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { TenantResources } from '../tenancy/tenant-resources';
import type { CreateRateCardDto, ListRateCardsQueryDto, UpdateRateCardDto } from './dto/rate-card.dto';
import { describeRateCardUses } from './rate-card-uses';
import { RATE_CARDS } from './rate-card-resources';

registerUniqueFields({ rate_cards_tenant_id_name_key: 'name' });

/** Rate decks, sell or buy. A card something rates with can neither be deleted nor change kind or currency. */
@Injectable()
export class RateCardsService {
  private readonly cards;

  constructor(resources: TenantResources) {
    this.cards = resources.of(RateCard, RATE_CARDS);
  }

  list(actor: Actor, query: ListRateCardsQueryDto) {
    return this.cards.list(actor, query, (rows) => {
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.kind) rows.andWhere('row.kind = :kind', { kind: query.kind });
      if (query.currency) rows.andWhere('row.currency = :currency', { currency: query.currency });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.cards.get(actor, id);
  }

  create(actor: Actor, input: CreateRateCardDto) {
    return this.cards.create(actor, input);
  }

  update(actor: Actor, id: string, input: UpdateRateCardDto) {
    return this.cards.update(actor, id, input, async (manager, current) => {
      const changed = (['kind', 'currency'] as const).find(
        (field) => input[field] !== undefined && input[field] !== current[field],
      );
      if (!changed) return;
      const uses = await describeRateCardUses(manager, id);
      if (uses) throw new ConflictError(`${changed} cannot change while ${uses} use the rate card`, changed);
    });
  }

  remove(actor: Actor, id: string) {
    return this.cards.remove(actor, id, async (manager) => {
      const uses = await describeRateCardUses(manager, id);
      if (uses) throw new ConflictError(`the rate card is in use by ${uses}`);
    });
  }
}
