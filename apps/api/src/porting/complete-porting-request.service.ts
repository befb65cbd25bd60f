import { Injectable } from '@nestjs/common';
import {
  Account,
  AccountStatus,
  Did,
  DidStatus,
  PortingDirection,
  type PortingRequest,
  PortingStatus,
} from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { BadRequestError, ConflictError, NotFoundError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { recordDidSteps } from '../dids/did-history';
import { type DidRouteColumns, NO_ROUTE, routeColumns, routeOf } from '../dids/did-holders';
import { feesOrZero } from '../dids/dids.service';
import type { DidRouteInput } from '../dids/dto/did-lifecycle.dto';
import type { CompletePortingRequestDto } from './dto/porting-request.dto';
import { numbersInInventory, portOutDids } from './porting-numbers';
import { type PortingRequestView, toPortingRequestView } from './porting-request-view';
import { assertStaff, assertStatus, PortingTransitions } from './porting-transitions';

/**
 * Completes an accepted request, in the transaction of the status change: a port-in adds its numbers to
 * the DID inventory assigned to the account (history step `ported_in`, no setup fee: the number was the
 * customer's already); a port-out ends the account's DIDs (step `ported_out`, then deleted like any
 * number: its history stays). The rating catalog follows after the commit.
 */
@Injectable()
export class CompletePortingRequestService {
  constructor(
    private readonly transitions: PortingTransitions,
    private readonly audit: AuditTrail,
  ) {}

  async complete(actor: Actor, id: string, input: CompletePortingRequestDto): Promise<PortingRequestView> {
    assertStaff(actor, 'complete');
    const request = await this.transitions.apply(actor, id, async (current, manager) => {
      assertStatus(current, 'completed', [PortingStatus.Accepted]);
      if (input.route && current.direction !== PortingDirection.In)
        throw new BadRequestError('only a port-in takes a route: a port-out ends its numbers', 'route');
      const dids =
        current.direction === PortingDirection.In
          ? await this.portIn(actor, manager, current, input.route)
          : await this.portOut(actor, manager, current);
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

  private async portIn(
    actor: Actor,
    manager: EntityManager,
    request: PortingRequest,
    routeInput: DidRouteInput | undefined,
  ): Promise<Did[]> {
    const account = await this.holder(actor, manager, request.accountId);
    const route: DidRouteColumns = routeInput
      ? await routeColumns(actor, manager, account.id, routeInput, 'route.')
      : NO_ROUTE;
    const present = await numbersInInventory(manager, request.numbers);
    if (present.length > 0)
      throw new ConflictError(
        `already in the DID inventory since the request was accepted: ${present.map((n) => `+${n}`).join(', ')}`,
        'numbers',
      );
    const repository = manager.getRepository(Did);
    const dids = await repository.save(
      request.numbers.map((number) =>
        repository.create({
          tenantId: request.tenantId,
          number,
          country: request.country,
          currency: account.currency,
          vendorId: null,
          ...feesOrZero({}),
          status: DidStatus.Assigned,
          accountId: account.id,
          ...route,
        }),
      ),
    );
    await recordDidSteps(
      manager,
      actor,
      dids.map((did) => ({
        did,
        step: {
          event: 'ported_in',
          fromStatus: null,
          toStatus: DidStatus.Assigned,
          accountId: account.id,
          details: { portingRequestId: request.id, losingCarrier: request.losingCarrier, route },
        },
      })),
    );
    for (const did of dids)
      await this.audit.record(manager, actor, {
        action: 'did.port-in',
        entityType: 'did',
        entityId: did.id,
        tenantId: did.tenantId,
        after: did,
      });
    return dids;
  }

  private async portOut(actor: Actor, manager: EntityManager, request: PortingRequest): Promise<Did[]> {
    const dids = await portOutDids(manager, request, true);
    const repository = manager.getRepository(Did);
    const ended = await repository.save(
      dids.map((did) =>
        repository.merge(repository.create({ ...did }), { status: DidStatus.PortingOut, ...NO_ROUTE }),
      ),
    );
    await recordDidSteps(
      manager,
      actor,
      dids.map((did) => ({
        did,
        step: {
          event: 'ported_out',
          fromStatus: did.status,
          toStatus: DidStatus.PortingOut,
          accountId: did.accountId,
          details: {
            portingRequestId: request.id,
            gainingCarrier: request.gainingCarrier,
            route: routeOf(did),
          },
        },
      })),
    );
    await repository.softDelete(dids.map((did) => did.id));
    for (const did of dids)
      await this.audit.record(manager, actor, {
        action: 'did.port-out',
        entityType: 'did',
        entityId: did.id,
        tenantId: did.tenantId,
        before: did,
        after: null,
      });
    return ended;
  }

  /** The account the numbers go to: still in scope (404) and not closed (409). */
  private async holder(actor: Actor, manager: EntityManager, accountId: string): Promise<Account> {
    const account = await new ScopedRepository(manager, Account, actor.scope, {
      label: 'account',
      endUserColumn: 'id',
    })
      .query()
      .andWhere('row.id = :accountId', { accountId })
      .setLock('pessimistic_read')
      .getOne();
    if (!account) throw new NotFoundError('account');
    if (account.status === AccountStatus.Closed)
      throw new ConflictError('the account is closed: reopen it before completing the port-in', 'accountId');
    return account;
  }
}
