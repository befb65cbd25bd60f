import { Injectable } from '@nestjs/common';
import { LedgerEntryKind } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { AdjustmentDto } from './dto/posting.dto';
import { PostLedgerEntryService, type PostedEntry } from './post-ledger-entry.service';

/** Corrects an account's balance either way, with a reason; no floor, since it fixes a mistake. */
@Injectable()
export class AdjustAccountBalanceService {
  constructor(private readonly ledger: PostLedgerEntryService) {}

  adjust(actor: Actor, accountId: string, input: AdjustmentDto): Promise<PostedEntry> {
    return this.ledger.post(
      actor,
      { kind: 'account', id: accountId },
      {
        kind: LedgerEntryKind.Adjustment,
        amount: input.amount,
        idempotencyKey: input.idempotencyKey,
        currency: input.currency,
        description: input.reason,
        reference: input.reference ?? null,
      },
    );
  }
}
