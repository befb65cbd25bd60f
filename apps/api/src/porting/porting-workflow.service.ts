import { Injectable } from '@nestjs/common';
import { type Did, PortingDirection, type PortingRequest, PortingStatus } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import type {
  AcceptPortingRequestDto,
  PortingStepDto,
  RejectPortingRequestDto,
} from './dto/porting-request.dto';
import { PortingDids } from './porting-dids';
import { assertNumbersCanMove } from './porting-numbers';
import { type PortingRequestView, toPortingRequestView } from './porting-request-view';
import { assertStaff, assertStatus, PortingTransitions } from './porting-transitions';

const { Draft, Submitted, Accepted, Rejected, Cancelled } = PortingStatus;

/**
 * The moves before completion: draft → submitted (the account's side, end users included) →
 * accepted with a scheduled date, or rejected (the operator's side); cancelled from any open status
 * (an end user only before acceptance). Any other move is a 409 naming the present status. Accepting a
 * port-in holds its numbers in the DID inventory; rejecting or cancelling it afterwards lets them go.
 */
@Injectable()
export class PortingWorkflowService {
  constructor(
    private readonly transitions: PortingTransitions,
    private readonly dids: PortingDids,
  ) {}

  async submit(actor: Actor, id: string, input: PortingStepDto): Promise<PortingRequestView> {
    const request = await this.transitions.apply(actor, id, async (current, manager) => {
      assertStatus(current, 'submitted', [Draft]);
      await assertNumbersCanMove(manager, current);
      return {
        action: 'porting-request.submit',
        changes: { status: Submitted, submittedAt: new Date() },
        step: { event: 'submitted', note: input.note },
      };
    });
    return toPortingRequestView(request);
  }

  async accept(actor: Actor, id: string, input: AcceptPortingRequestDto): Promise<PortingRequestView> {
    assertStaff(actor, 'accept');
    const request = await this.transitions.apply(actor, id, async (current, manager) => {
      assertStatus(current, 'accepted', [Submitted]);
      const held =
        current.direction === PortingDirection.In
          ? await this.dids.holdForPortIn(actor, manager, current)
          : [];
      return {
        action: 'porting-request.accept',
        changes: { status: Accepted, scheduledAt: input.scheduledAt },
        step: {
          event: 'accepted',
          note: input.note,
          details: { scheduledAt: input.scheduledAt.toISOString(), ...didList(held) },
        },
      };
    });
    return toPortingRequestView(request);
  }

  async reject(actor: Actor, id: string, input: RejectPortingRequestDto): Promise<PortingRequestView> {
    assertStaff(actor, 'reject');
    const request = await this.transitions.apply(actor, id, async (current, manager) => {
      assertStatus(current, 'rejected', [Submitted, Accepted]);
      const released = await this.releaseHeld(actor, manager, current, 'rejected');
      return {
        action: 'porting-request.reject',
        changes: { status: Rejected, rejectionReason: input.reason, closedAt: new Date() },
        step: { event: 'rejected', note: input.reason, details: didList(released) },
      };
    });
    return toPortingRequestView(request);
  }

  async cancel(actor: Actor, id: string, input: PortingStepDto): Promise<PortingRequestView> {
    const request = await this.transitions.apply(actor, id, async (current, manager) => {
      // An accepted port is booked with the losing carrier: calling it off is the operator's job.
      assertStatus(
        current,
        'cancelled',
        actor.scope.isEndUser ? [Draft, Submitted] : [Draft, Submitted, Accepted],
      );
      const released = await this.releaseHeld(actor, manager, current, 'cancelled');
      return {
        action: 'porting-request.cancel',
        changes: { status: Cancelled, closedAt: new Date() },
        step: { event: 'cancelled', note: input.note, details: didList(released) },
      };
    });
    return toPortingRequestView(request);
  }

  private releaseHeld(
    actor: Actor,
    manager: EntityManager,
    request: PortingRequest,
    outcome: 'rejected' | 'cancelled',
  ): Promise<Did[]> {
    if (request.status !== Accepted || request.direction !== PortingDirection.In) return Promise.resolve([]);
    return this.dids.releasePortIn(actor, manager, request, outcome);
  }
}

function didList(dids: readonly Did[]): Record<string, unknown> {
  return dids.length === 0 ? {} : { dids: dids.map((did) => ({ id: did.id, number: did.number })) };
}
