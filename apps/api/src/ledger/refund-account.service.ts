import { Injectable } from '@nestjs/common';
import { LedgerEntryKind } from '@tollgate/db';
import type Decimal from 'decimal.js';
import type { Actor } from '../audit/actor';
import { UnprocessableError } from '../http/domain-errors';
import { availableCredit, type BillingParty } from './billing-parties';
import type { RefundDto } from './dto/posting.dto';
import { PostLedgerEntryService, type PostedEntry } from './post-ledger-entry.service';

/**
 * Pays money back to a customer: a debit of the account. It may not spend more than the account has:
 * a prepaid balance stays at or above zero, a postpaid one within its credit limit.
 */
@Injectable()
export class RefundAccountService {
  constructor(private readonly ledger: PostLedgerEntryService) {}

  refund(actor: Actor, accountId: string, input: RefundDto): Promise<PostedEntry> {
    return this.ledger.post(
      actor,
      { kind: 'account', id: accountId },
      {
        kind: LedgerEntryKind.Refund,
        amount: input.amount.negated(),
        idempotencyKey: input.idempotencyKey,
        currency: input.currency,
        description: input.reason,
        reference: input.reference ?? null,
        check: (balance, party) => assertCovered(balance, party, input.amount),
      },
    );
  }
}

function assertCovered(balance: Decimal, party: BillingParty, refund: Decimal): void {
  const available = availableCredit(party, balance);
  if (available.lt(refund))
    throw new UnprocessableError(
      `the refund exceeds what the account has available (${available.toFixed()} ${party.currency})`,
      'amount',
    );
}
