import { Inject, Injectable } from '@nestjs/common';
import { DidStatus } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { NO_ROUTE, routeOf } from './did-holders';
import { DID_SETTINGS, type DidSettings, quarantineEnd } from './did-settings';
import { DidTransitions, invalidMove } from './did-transitions';
import { type DidView, toDidView } from './did-view';
import type { ReleaseDidDto } from './dto/did-lifecycle.dto';

/**
 * Takes a number back from its account. An assigned number goes into quarantine for DID_QUARANTINE_DAYS
 * (callers who still dial it must not reach the next customer); a reservation simply ends.
 */
@Injectable()
export class ReleaseDidService {
  constructor(
    private readonly transitions: DidTransitions,
    @Inject(DID_SETTINGS) private readonly settings: DidSettings,
  ) {}

  async release(actor: Actor, id: string, input: ReleaseDidDto): Promise<DidView> {
    const note = input.note === undefined ? {} : { note: input.note };
    const { did } = await this.transitions.apply(actor, id, async (current) => {
      if (current.status === DidStatus.Assigned) {
        const until = quarantineEnd(new Date(), this.settings);
        return {
          action: 'did.release',
          event: 'released',
          changes: { status: DidStatus.Quarantined, accountId: null, quarantinedUntil: until, ...NO_ROUTE },
          accountId: current.accountId,
          details: { quarantinedUntil: until.toISOString(), route: routeOf(current), ...note },
        };
      }
      if (current.status === DidStatus.Reserved)
        return {
          action: 'did.cancel-reservation',
          event: 'reservation_cancelled',
          changes: { status: DidStatus.Available, accountId: null, reservedUntil: null },
          accountId: current.accountId,
          details: { reservedUntil: current.reservedUntil!.toISOString(), ...note },
        };
      throw invalidMove(current, 'release', 'an assigned or reserved number can be released');
    });
    return toDidView(did, actor.scope);
  }
}
