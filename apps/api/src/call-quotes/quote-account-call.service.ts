import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, ServicePlan, Tenant } from '@tollgate/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { UnprocessableError } from '../http/domain-errors';
import type { QuoteRateCardQueryDto } from '../rate-cards/dto/rate-quote.dto';
import { QuoteRateCardService } from '../rate-cards/quote-rate-card.service';
import { TenantResources } from '../tenancy/tenant-resources';
import { TenantScope } from '../tenancy/tenant-scope';

/**
 * Prices a call of an account on its service plan's sell card. An end user may not read rate cards,
 * so once the account is known to be in the caller's scope, the card is read as the plan's tenant:
 * the answer is the account's own price list, which its holder is entitled to see.
 */
@Injectable()
export class QuoteAccountCallService {
  private readonly accounts;

  constructor(
    resources: TenantResources,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quotes: QuoteRateCardService,
  ) {
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
  }

  async quote(actor: Actor, accountId: string, query: QuoteRateCardQueryDto) {
    const account = await this.accounts.get(actor, accountId);
    if (!account.servicePlanId)
      throw new UnprocessableError('the account has no service plan, so no sell rates', 'servicePlanId');
    const plan = await this.dataSource
      .getRepository(ServicePlan)
      .findOneByOrFail({ id: account.servicePlanId });
    const provider = await this.dataSource.getRepository(Tenant).findOneByOrFail({ id: plan.tenantId });
    const asProvider: Actor = {
      ...actor,
      scope: TenantScope.of({
        ...actor.principal,
        tenantId: provider.id,
        tenantPath: provider.path,
        accountId: null,
      }),
    };
    return this.quotes.quote(asProvider, plan.sellRateCardId, query);
  }
}
