import { Did, DidStatus, PortingDirection, PortingRequest, PortingStatus } from '@tollgate/db';
import { type EntityManager, In } from 'typeorm';
import { BadRequestError, ConflictError } from '../http/domain-errors';

/** Statuses in which a request holds its numbers: no other request of the same direction may name them. */
const OPEN_STATUSES = [PortingStatus.Submitted, PortingStatus.Accepted];

/** Most numbers an error message names; the rest are counted. */
const NAMED_IN_ERRORS = 20;

/**
 * Checks, when a request is submitted, that its numbers can move: a port-in's are not in the inventory
 * yet, a port-out's are numbers assigned to the account; and no other open request of the same direction
 * names them. Submissions are serialised by a transaction-scoped advisory lock, so two requests for the
 * same number cannot both pass.
 */
export async function assertNumbersCanMove(manager: EntityManager, request: PortingRequest): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tollgate:porting-numbers'))`);
  if (request.direction === PortingDirection.In) {
    const present = await numbersInInventory(manager, request.numbers);
    if (present.length > 0)
      throw new ConflictError(`already in the DID inventory: ${listed(present)}`, 'numbers');
  } else {
    await portOutDids(manager, request, false);
  }
  const overlapping = await manager
    .createQueryBuilder(PortingRequest, 'other')
    .select('other.id', 'id')
    .addSelect('other.numbers', 'numbers')
    .where('other.id <> :id', { id: request.id })
    .andWhere('other.direction = :direction', { direction: request.direction })
    .andWhere('other.status IN (:...open)', { open: OPEN_STATUSES })
    .andWhere('other.numbers && ARRAY[:...numbers]::text[]', { numbers: request.numbers })
    .getRawMany<{ id: string; numbers: string[] }>();
  if (overlapping.length > 0) {
    const mine = new Set(request.numbers);
    const shared = [...new Set(overlapping.flatMap((other) => other.numbers.filter((n) => mine.has(n))))];
    throw new ConflictError(
      `already in another open ${request.direction} request (${overlapping.map((o) => o.id).join(', ')}): ${listed(shared)}`,
      'numbers',
    );
  }
}

/** The numbers of `numbers` that are in the inventory, whichever tenant holds them. */
export async function numbersInInventory(
  manager: EntityManager,
  numbers: readonly string[],
): Promise<string[]> {
  const rows = await manager
    .getRepository(Did)
    .find({ select: { number: true }, where: { number: In([...numbers]) } });
  return rows.map((row) => row.number).sort();
}

/**
 * The DIDs a port-out takes away: every number must be assigned to the request's account (400 at
 * submission, 409 at completion when one changed since). `lock` takes them FOR UPDATE.
 */
export async function portOutDids(
  manager: EntityManager,
  request: PortingRequest,
  lock: boolean,
): Promise<Did[]> {
  const query = manager
    .createQueryBuilder(Did, 'did')
    .where('did.number IN (:...numbers)', { numbers: request.numbers })
    .andWhere('did.accountId = :accountId', { accountId: request.accountId })
    .andWhere('did.status = :status', { status: DidStatus.Assigned });
  if (lock) query.setLock('pessimistic_write');
  const dids = await query.getMany();
  const held = new Set(dids.map((did) => did.number));
  const missing = request.numbers.filter((number) => !held.has(number));
  if (missing.length > 0) {
    const message = `not numbers assigned to the account: ${listed(missing)}`;
    throw lock ? new ConflictError(message, 'numbers') : new BadRequestError(message, 'numbers');
  }
  return dids;
}

function listed(numbers: readonly string[]): string {
  const named = numbers.slice(0, NAMED_IN_ERRORS).map((number) => `+${number}`);
  const more = numbers.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}
