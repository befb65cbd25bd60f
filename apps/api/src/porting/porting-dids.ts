import { Injectable } from '@nestjs/common';
import { Account, AccountStatus, Did, DidStatus, type PortingRequest } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { ConflictError, NotFoundError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { type DidStep, recordDidSteps } from '../dids/did-history';
import { type DidRouteColumns, NO_ROUTE, routeColumns, routeOf } from '../dids/did-holders';
import { feesOrZero } from '../dids/dids.service';
import type { DidRouteInput } from '../dids/dto/did-lifecycle.dto';
import { numbersInInventory, portOutDids } from './porting-numbers';

/**
 * What porting does to the DID inventory, always inside the request's own transaction, with a history
 * step for every number (the DIDs module's `did_events`) and an audit row:
 *
 * - a port-in, once accepted, holds its numbers as `porting_in` DIDs of the account (so nobody else can
 *   add or sell them until the port date); completing makes them `assigned`; rejecting or cancelling
 *   the accepted request removes them again;
 * - a port-out, on completion, ends the account's DIDs (`ported_out`, then deleted; the history stays).
 */
@Injectable()
export class PortingDids {
  constructor(private readonly audit: AuditTrail) {}

  /** On acceptance of a port-in: every number enters the inventory as `porting_in` for the account. */
  async holdForPortIn(actor: Actor, manager: EntityManager, request: PortingRequest): Promise<Did[]> {
    const account = await holderAccount(actor, manager, request.accountId);
    const present = await numbersInInventory(manager, request.numbers);
    if (present.length > 0)
      throw new ConflictError(`already in the DID inventory: ${plus(present)}`, 'numbers');
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
          status: DidStatus.PortingIn,
          accountId: account.id,
          ...NO_ROUTE,
        }),
      ),
    );
    await this.record(actor, manager, request, dids, 'did.porting-in', (did) => ({
      event: 'porting_in',
      fromStatus: null,
      toStatus: DidStatus.PortingIn,
      accountId: did.accountId,
      details: { portingRequestId: request.id, losingCarrier: request.losingCarrier },
    }));
    return dids;
  }

  /** On completion of a port-in: the held numbers become `assigned`, routed by `routeInput` if given. */
  async completePortIn(
    actor: Actor,
    manager: EntityManager,
    request: PortingRequest,
    routeInput: DidRouteInput | undefined,
  ): Promise<Did[]> {
    const account = await holderAccount(actor, manager, request.accountId);
    const route: DidRouteColumns = routeInput
      ? await routeColumns(actor, manager, account.id, routeInput, 'route.')
      : NO_ROUTE;
    const held = await heldForPortIn(manager, request);
    const repository = manager.getRepository(Did);
    const assigned = await repository.save(
      held.map((did) =>
        repository.merge(repository.create({ ...did }), { status: DidStatus.Assigned, ...route }),
      ),
    );
    await this.record(actor, manager, request, assigned, 'did.port-in', (did) => ({
      event: 'ported_in',
      fromStatus: DidStatus.PortingIn,
      toStatus: DidStatus.Assigned,
      accountId: did.accountId,
      details: { portingRequestId: request.id, route },
    }));
    return assigned;
  }

  /** When an accepted port-in is rejected or cancelled: its held numbers leave the inventory again. */
  async releasePortIn(
    actor: Actor,
    manager: EntityManager,
    request: PortingRequest,
    outcome: 'rejected' | 'cancelled',
  ): Promise<Did[]> {
    const held = await heldForPortIn(manager, request);
    await this.record(actor, manager, request, held, 'did.delete', (did) => ({
      event: 'removed',
      fromStatus: DidStatus.PortingIn,
      toStatus: DidStatus.PortingIn,
      accountId: did.accountId,
      details: { portingRequestId: request.id, porting: outcome },
    }));
    await manager.getRepository(Did).softDelete(held.map((did) => did.id));
    return held;
  }

  /** On completion of a port-out: each DID, still assigned to the account, is ended. */
  async completePortOut(actor: Actor, manager: EntityManager, request: PortingRequest): Promise<Did[]> {
    const dids = await portOutDids(manager, request, true);
    const repository = manager.getRepository(Did);
    const ended = await repository.save(
      dids.map((did) =>
        repository.merge(repository.create({ ...did }), { status: DidStatus.PortingOut, ...NO_ROUTE }),
      ),
    );
    await this.record(actor, manager, request, dids, 'did.port-out', (did) => ({
      event: 'ported_out',
      fromStatus: did.status,
      toStatus: DidStatus.PortingOut,
      accountId: did.accountId,
      details: { portingRequestId: request.id, gainingCarrier: request.gainingCarrier, route: routeOf(did) },
    }));
    await repository.softDelete(dids.map((did) => did.id));
    return ended;
  }

  private async record(
    actor: Actor,
    manager: EntityManager,
    request: PortingRequest,
    dids: readonly Did[],
    action: string,
    step: (did: Did) => DidStep,
  ): Promise<void> {
    await recordDidSteps(
      manager,
      actor,
      dids.map((did) => ({ did, step: step(did) })),
    );
    for (const did of dids)
      await this.audit.record(manager, actor, {
        action,
        entityType: 'did',
        entityId: did.id,
        tenantId: did.tenantId,
        after: { ...did, portingRequestId: request.id },
      });
  }
}

/** The account the numbers go to: still in scope (404) and not closed (409), share-locked. */
async function holderAccount(actor: Actor, manager: EntityManager, accountId: string): Promise<Account> {
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
    throw new ConflictError('the account is closed: reopen it first', 'accountId');
  return account;
}

/** The request's `porting_in` DIDs, locked; 409 when one is missing (nothing else can move them). */
async function heldForPortIn(manager: EntityManager, request: PortingRequest): Promise<Did[]> {
  const held = await manager
    .createQueryBuilder(Did, 'did')
    .where('did.number IN (:...numbers)', { numbers: request.numbers })
    .andWhere('did.accountId = :accountId', { accountId: request.accountId })
    .andWhere('did.status = :status', { status: DidStatus.PortingIn })
    .setLock('pessimistic_write')
    .getMany();
  const found = new Set(held.map((did) => did.number));
  const missing = request.numbers.filter((number) => !found.has(number));
  if (missing.length > 0)
    throw new ConflictError(`no longer held in the inventory for this port-in: ${plus(missing)}`, 'numbers');
  return held;
}

function plus(numbers: readonly string[]): string {
  return numbers.map((number) => `+${number}`).join(', ');
}
