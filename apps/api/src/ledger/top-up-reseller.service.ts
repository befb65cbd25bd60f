import { Injectable } from '@nestjs/common';
import { LedgerEntryKind } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type { TopUpDto } from './dto/posting.dto';
import { PostLedgerEntryService, type PostedEntry } from './post-ledger-entry.service';

/** Credits a reseller's balance with its parent (what the reseller paid its parent). */
@Injectable()
export class TopUpResellerService {
  constructor(private readonly ledger: PostLedgerEntryService) {}

  topUp(actor: Actor, resellerId: string, input: TopUpDto): Promise<PostedEntry> {
    return this.ledger.post(
      actor,
      { kind: 'reseller', id: resellerId },
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
