import { Injectable } from '@nestjs/common';
import { LedgerEntryKind } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { TopUpDto } from './dto/posting.dto';
import { PostLedgerEntryService, type PostedEntry } from './post-ledger-entry.service';

/** Credits money a customer paid to its account. */
@Injectable()
export class TopUpAccountService {
  constructor(private readonly ledger: PostLedgerEntryService) {}

  topUp(actor: Actor, accountId: string, input: TopUpDto): Promise<PostedEntry> {
    return this.ledger.post(
      actor,
      { kind: 'account', id: accountId },
      {
        kind: LedgerEntryKind.TopUp,
        amount: input.amount,
        idempotencyKey: input.idempotencyKey,
        currency: input.currency,
        description: input.description ?? null,
        reference: input.reference ?? null,
      },
    );
  }
}
