import { Injectable } from '@nestjs/common';
import type { BillingType } from '@tollgate/db';
import type Decimal from 'decimal.js';
import type { Actor } from '../audit/actor';
import { availableCredit, BillingParties, ExactDecimal, type PartyRef } from './billing-parties';

export interface BalanceView {
  amount: Decimal;
  currency: string;
  billingType: BillingType;
  creditLimit: Decimal;
  available: Decimal;
  updatedAt: Date | null;
}

/** A party's balance and what it may still spend; zero in its currency before the first posting. */
@Injectable()
export class ReadBalanceService {
  constructor(private readonly parties: BillingParties) {}

  async read(actor: Actor, ref: PartyRef): Promise<BalanceView> {
    const party = await this.parties.find(actor.scope, ref);
    const balance = await this.parties.balanceOf(actor.scope, ref);
    const amount = balance?.amount ?? new ExactDecimal(0);
    return {
      amount,
      currency: balance?.currency ?? party.currency,
      billingType: party.billingType,
      creditLimit: party.creditLimit,
      available: availableCredit(party, amount),
      updatedAt: balance?.updatedAt ?? null,
    };
  }
}
