import { Injectable } from '@nestjs/common';
import { PortingDirection, PortingStatus } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { BadRequestError } from '../http/domain-errors';
import type { CompletePortingRequestDto } from './dto/porting-request.dto';
import { PortingDids } from './porting-dids';
import { type PortingRequestView, toPortingRequestView } from './porting-request-view';
import { assertStaff, assertStatus, PortingTransitions } from './porting-transitions';

/**
 * Completes an accepted request, in the transaction of the status change: a port-in's numbers become
 * DIDs assigned to the account (history step `ported_in`, no setup fee: the number was the customer's
 * already); a port-out's DIDs are ended (`ported_out`, then deleted like any number: the history stays).
 * The rating catalog follows after the commit.
 */
@Injectable()
export class CompletePortingRequestService {
  constructor(
    private readonly transitions: PortingTransitions,
    private readonly dids: PortingDids,
  ) {}

  async complete(actor: Actor, id: string, input: CompletePortingRequestDto): Promise<PortingRequestView> {
    assertStaff(actor, 'complete');
    const request = await this.transitions.apply(actor, id, async (current, manager) => {
      assertStatus(current, 'completed', [PortingStatus.Accepted]);
      if (input.route && current.direction !== PortingDirection.In)
        throw new BadRequestError('only a port-in takes a route: a port-out ends its numbers', 'route');
      const dids =
        current.direction === PortingDirection.In
          ? await this.dids.completePortIn(actor, manager, current, input.route)
          : await this.dids.completePortOut(actor, manager, current);
      return {
        action: 'porting-request.complete',
        changes: { status: PortingStatus.Completed, closedAt: new Date() },
        step: {
          event: 'completed',
          note: input.note,
          details: { dids: dids.map((did) => ({ id: did.id, number: did.number })) },
        },
      };
    });
    return toPortingRequestView(request);
  }
}
