import {
  visibleLevels,
  type CdrDisposition,
  type CdrSource,
  type LevelVisibility,
  type RatedLevel,
} from '@tollgate/cdr';
import type { Cdr } from '@tollgate/db';
import type { TenantScope } from '../tenancy/tenant-scope';

export function viewerOf(scope: TenantScope): LevelVisibility {
  return scope.isEndUser ? { endUser: true } : { endUser: false, tenantPath: scope.tenantPath };
}

/**
 * A CDR as the caller may see it: the vendor only for those who see the vendor's level, and the reason
 * it is unrated only from the levels the caller sees (a parent's rate card is none of a reseller's
 * business; an end user learns only that the call is not rated yet).
 */
export function toCdrView(cdr: Cdr, viewer: LevelVisibility) {
  const levels = visibleLevels(cdr.levels as RatedLevel[], viewer);
  const seesVendor = levels.some((level) => level.kind === 'vendor');
  const problems = levels.flatMap((level) => (level.problem === null ? [] : [level.problem]));
  const unratedReason =
    cdr.unratedReason === null
      ? null
      : problems.length > 0
        ? problems.join('; ')
        : viewer.endUser
          ? 'not rated yet'
          : 'a level above yours has no rate for this call yet';
  return {
    view: {
      id: cdr.id,
      callId: cdr.callId,
      leg: cdr.leg,
      source: cdr.source as CdrSource,
      tenantId: cdr.tenantId,
      accountId: cdr.accountId,
      lineId: cdr.lineId,
      trunkServiceId: cdr.trunkServiceId,
      didId: cdr.didId,
      direction: cdr.direction as 'outbound' | 'inbound',
      caller: cdr.caller,
      destination: cdr.destination,
      dialled: cdr.dialled,
      startedAt: cdr.startedAt,
      answeredAt: cdr.answeredAt,
      endedAt: cdr.endedAt,
      durationSeconds: cdr.durationSeconds,
      billedSeconds: cdr.billedSeconds,
      disposition: cdr.disposition as CdrDisposition,
      sipCode: cdr.sipCode,
      endCause: cdr.endCause,
      currency: cdr.currency,
      price: cdr.price?.toFixed() ?? null,
      liveCharged: cdr.liveCharged?.toFixed() ?? null,
      ratingStatus: cdr.ratingStatus,
      unratedReason,
      vendorId: seesVendor ? cdr.vendorId : null,
      vendorTrunkId: seesVendor ? cdr.vendorTrunkId : null,
      createdAt: cdr.createdAt,
    },
    levels: levels.map(({ tenantPath: _path, ...level }) => level),
  };
}

export type CdrView = ReturnType<typeof toCdrView>['view'];
