import type { EntityManager } from 'typeorm';
import { ConflictError } from '../http/domain-errors';

/** Name of the advisory lock every writer of trunk source ranges holds until it commits. */
export const TRUNK_RANGES_LOCK = 'tollgate.trunk-source-ranges';

/**
 * Kamailio tells trunks apart by source address, so no range may overlap one of another live trunk,
 * whatever its tenant. Writers of trunk ranges queue on one advisory lock, so two concurrent requests
 * cannot both pass the check.
 */
export async function assertRangesFree(manager: EntityManager, ranges: string[], serviceId: string | null) {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [TRUNK_RANGES_LOCK]);
  const taken: Array<{ range: string }> = await manager.query(
    `SELECT wanted.range::text AS range
       FROM unnest($1::cidr[]) WITH ORDINALITY AS wanted(range, position)
      WHERE EXISTS (
              SELECT 1
                FROM services trunk, unnest(trunk.allowed_source_ips) AS claimed(range)
               WHERE trunk.kind = 'sip_trunk'
                 AND trunk.status <> 'terminated'
                 AND trunk.id IS DISTINCT FROM $2::uuid
                 AND claimed.range && wanted.range)
      ORDER BY wanted.position
      LIMIT 1`,
    [ranges, serviceId],
  );
  if (taken[0])
    throw new ConflictError(
      `${taken[0].range} overlaps a source range another SIP trunk already claims`,
      'allowedSourceIps',
    );
}
