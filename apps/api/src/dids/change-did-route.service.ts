import { Injectable } from '@nestjs/common';
import { DidStatus } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { routeColumns, routeOf, sameRoute } from './did-holders';
import { DidTransitions, invalidMove } from './did-transitions';
import { type DidView, toDidView } from './did-view';
import type { ChangeDidRouteDto } from './dto/did-lifecycle.dto';

/** Sends an assigned number's inbound calls elsewhere: another line or trunk of its account, or a URI. */
@Injectable()
export class ChangeDidRouteService {
  constructor(private readonly transitions: DidTransitions) {}

  async change(actor: Actor, id: string, input: ChangeDidRouteDto): Promise<DidView> {
    const { did } = await this.transitions.apply(actor, id, async (current, manager) => {
      if (current.status !== DidStatus.Assigned)
        throw invalidMove(current, 'route', 'an assigned number has a route');
      const route = await routeColumns(actor, manager, current.accountId!, input, '');
      if (sameRoute(route, routeOf(current))) return null;
      return {
        action: 'did.change-route',
        event: 'route_changed',
        changes: route,
        accountId: current.accountId,
        details: { from: routeOf(current), to: route },
      };
    });
    return toDidView(did, actor.scope);
  }
}
