import { Injectable } from '@nestjs/common';
import { DidStatus } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { ConflictError } from '../http/domain-errors';
import { DidTransitions, invalidMove } from './did-transitions';
import { type DidView, toDidView } from './did-view';
import type { EndDidQuarantineDto } from './dto/did-lifecycle.dto';

/** Makes a quarantined number available once its quarantine is over (the job does it too, within a minute). */
@Injectable()
export class EndDidQuarantineService {
  constructor(private readonly transitions: DidTransitions) {}

  async end(actor: Actor, id: string, input: EndDidQuarantineDto): Promise<DidView> {
    const { did } = await this.transitions.apply(actor, id, async (current) => {
      if (current.status !== DidStatus.Quarantined)
        throw invalidMove(current, 'end the quarantine of', 'a quarantined number has one');
      if (current.quarantinedUntil !== null && current.quarantinedUntil.getTime() > Date.now())
        throw new ConflictError(
          `the number is quarantined until ${current.quarantinedUntil.toISOString()}`,
          'status',
        );
      return {
        action: 'did.end-quarantine',
        event: 'quarantine_ended',
        changes: { status: DidStatus.Available, quarantinedUntil: null },
        accountId: null,
        details: input.note === undefined ? {} : { note: input.note },
      };
    });
    return toDidView(did, actor.scope);
  }
}
