import { Injectable } from '@nestjs/common';
import { DidStatus } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { ConflictError } from '../http/domain-errors';
import { holderAccount } from './did-holders';
import { DidTransitions, invalidMove } from './did-transitions';
import { type DidView, toDidView } from './did-view';
import type { ReserveDidDto } from './dto/did-lifecycle.dto';

/**
 * Holds an available number for an account until a time (a sale in progress); reserving it again for
 * the same account moves the deadline. A lapsed reservation is released by ExpireDidHoldsJob.
 */
@Injectable()
export class ReserveDidService {
  constructor(private readonly transitions: DidTransitions) {}

  async reserve(actor: Actor, id: string, input: ReserveDidDto): Promise<DidView> {
    const { did } = await this.transitions.apply(actor, id, async (current, manager) => {
      const extending = current.status === DidStatus.Reserved;
      if (!extending && current.status !== DidStatus.Available)
        throw invalidMove(current, 'reserve', 'an available number can be reserved');
      if (extending && current.accountId !== input.accountId)
        throw new ConflictError(
          `the number is reserved for another account until ${current.reservedUntil!.toISOString()}`,
          'accountId',
        );
      const account = await holderAccount(actor, manager, current, input.accountId);
      return {
        action: 'did.reserve',
        event: extending ? 'reservation_extended' : 'reserved',
        changes: { status: DidStatus.Reserved, accountId: account.id, reservedUntil: input.until },
        accountId: account.id,
        details: {
          reservedUntil: input.until.toISOString(),
          ...(extending ? { previousReservedUntil: current.reservedUntil!.toISOString() } : {}),
        },
      };
    });
    return toDidView(did, actor.scope);
  }
}
