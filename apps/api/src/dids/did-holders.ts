import {
  Account,
  AccountStatus,
  type Did,
  DidRouteKind,
  Line,
  Service,
  ServiceKind,
  ServiceStatus,
} from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../http/domain-errors';
import { ScopedRepository } from '../tenancy/scoped-repository';
import type { DidRouteInput } from './dto/did-lifecycle.dto';

/** The route columns of a number, all four set together (the table's check wants exactly one target). */
export type DidRouteColumns = Pick<Did, 'routeKind' | 'routeLineId' | 'routeServiceId' | 'routeUri'>;

export const NO_ROUTE: DidRouteColumns = {
  routeKind: null,
  routeLineId: null,
  routeServiceId: null,
  routeUri: null,
};

/**
 * The account a number is reserved for or assigned to, share-locked until the transaction ends so it
 * cannot be closed or deleted meanwhile: in the caller's scope (404), of the number's own tenant (400),
 * not closed (409), keeping its balance in the number's currency (422: inbound calls would be refused).
 */
export async function holderAccount(
  actor: Actor,
  manager: EntityManager,
  did: Did,
  accountId: string,
): Promise<Account> {
  const account = await new ScopedRepository(manager, Account, actor.scope, {
    label: 'account',
    endUserColumn: 'id',
  })
    .query()
    .andWhere('row.id = :accountId', { accountId })
    .setLock('pessimistic_read')
    .getOne();
  if (!account) throw new NotFoundError('account');
  if (account.tenantId !== did.tenantId)
    throw new BadRequestError("must be an account of the DID's own tenant", 'accountId');
  if (account.status === AccountStatus.Closed)
    throw new ConflictError('the account is closed: reopen it first', 'accountId');
  if (account.currency !== did.currency)
    throw new UnprocessableError(
      `the account's balance is kept in ${account.currency}, the DID's prices are in ${did.currency}`,
      'accountId',
    );
  return account;
}

/**
 * Where the account's number sends inbound calls: one of the account's lines, one of its SIP trunk
 * services (not terminated), or a SIP URI. A line or service outside the caller's scope is "not found";
 * one of another account is a bad request. `field` prefixes the names of bad fields ("route.").
 */
export async function routeColumns(
  actor: Actor,
  manager: EntityManager,
  accountId: string,
  route: DidRouteInput,
  field: string,
): Promise<DidRouteColumns> {
  switch (route.kind) {
    case DidRouteKind.Line: {
      const line = await new ScopedRepository(manager, Line, actor.scope, {
        label: 'line',
        endUserColumn: 'accountId',
      }).findById(route.lineId!);
      if (line.accountId !== accountId)
        throw new BadRequestError('must be a line of the account holding the DID', `${field}lineId`);
      return { ...NO_ROUTE, routeKind: DidRouteKind.Line, routeLineId: line.id };
    }
    case DidRouteKind.Trunk: {
      const service = await new ScopedRepository(manager, Service, actor.scope, {
        label: 'service',
        endUserColumn: 'accountId',
      }).findById(route.serviceId!);
      const problem =
        service.kind !== ServiceKind.SipTrunk
          ? 'must be a SIP trunk service'
          : service.accountId !== accountId
            ? 'must be a service of the account holding the DID'
            : service.status === ServiceStatus.Terminated
              ? 'the SIP trunk is terminated'
              : undefined;
      if (problem) throw new BadRequestError(problem, `${field}serviceId`);
      return { ...NO_ROUTE, routeKind: DidRouteKind.Trunk, routeServiceId: service.id };
    }
    case DidRouteKind.Uri:
      return { ...NO_ROUTE, routeKind: DidRouteKind.Uri, routeUri: route.uri! };
  }
}

export function routeOf(did: DidRouteColumns): DidRouteColumns {
  return {
    routeKind: did.routeKind,
    routeLineId: did.routeLineId,
    routeServiceId: did.routeServiceId,
    routeUri: did.routeUri,
  };
}

export function sameRoute(a: DidRouteColumns, b: DidRouteColumns): boolean {
  return (
    a.routeKind === b.routeKind &&
    a.routeLineId === b.routeLineId &&
    a.routeServiceId === b.routeServiceId &&
    a.routeUri === b.routeUri
  );
}
