import { Injectable } from '@nestjs/common';
import { PortingStatus } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import type {
  AcceptPortingRequestDto,
  PortingStepDto,
  RejectPortingRequestDto,
} from './dto/porting-request.dto';
import { assertNumbersCanMove } from './porting-numbers';
import { type PortingRequestView, toPortingRequestView } from './porting-request-view';
import { assertStaff, assertStatus, PortingTransitions } from './porting-transitions';

const { Draft, Submitted, Accepted, Rejected, Cancelled } = PortingStatus;

/**
 * The moves before completion: draft → submitted (the account's side, end users included) →
 * accepted with a scheduled date, or rejected (the operator's side); cancelled from any open status
 * (an end user only before acceptance). Any other move is a 409 naming the present status.
 */
@Injectable()
export class PortingWorkflowService {
  constructor(private readonly transitions: PortingTransitions) {}

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
    const request = await this.transitions.apply(actor, id, async (current) => {
      assertStatus(current, 'accepted', [Submitted]);
      return {
        action: 'porting-request.accept',
        changes: { status: Accepted, scheduledAt: input.scheduledAt },
        step: {
          event: 'accepted',
          note: input.note,
          details: { scheduledAt: input.scheduledAt.toISOString() },
        },
      };
    });
    return toPortingRequestView(request);
  }

  async reject(actor: Actor, id: string, input: RejectPortingRequestDto): Promise<PortingRequestView> {
    assertStaff(actor, 'reject');
    const request = await this.transitions.apply(actor, id, async (current) => {
      assertStatus(current, 'rejected', [Submitted, Accepted]);
      return {
        action: 'porting-request.reject',
        changes: { status: Rejected, rejectionReason: input.reason, closedAt: new Date() },
        step: { event: 'rejected', note: input.reason },
      };
    });
    return toPortingRequestView(request);
  }

  async cancel(actor: Actor, id: string, input: PortingStepDto): Promise<PortingRequestView> {
    const request = await this.transitions.apply(actor, id, async (current) => {
      // An accepted port is booked with the losing carrier: calling it off is the operator's job.
      assertStatus(
        current,
        'cancelled',
        actor.scope.isEndUser ? [Draft, Submitted] : [Draft, Submitted, Accepted],
      );
      return {
        action: 'porting-request.cancel',
        changes: { status: Cancelled, closedAt: new Date() },
        step: { event: 'cancelled', note: input.note },
      };
    });
    return toPortingRequestView(request);
  }
}
