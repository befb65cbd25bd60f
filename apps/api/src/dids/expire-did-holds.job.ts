import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Did, DidStatus } from '@tollgate/db';
import { DataSource, In } from 'typeorm';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { type DidStep, recordDidSteps } from './did-history';
import { DID_SETTINGS, type DidSettings } from './did-settings';
import { PeriodicJob } from '../scheduling/periodic-job';

/** Numbers a transaction takes at once: a short lock, and a long backlog goes in several commits. */
const BATCH = 500;

export interface ExpiredHolds {
  reservationsExpired: number;
  quarantinesEnded: number;
}

/**
 * Every minute, in each API process: lapsed reservations and finished quarantines make their numbers
 * available again, each move written to the number's history (by the schedule) in the transaction of
 * the move. Rows are taken with SKIP LOCKED, so replicas running at once share the work instead of
 * repeating it, and a number being changed through the API is simply taken on the next run.
 */
@Injectable()
export class ExpireDidHoldsJob extends PeriodicJob<ExpiredHolds> {
  protected readonly failureMessage = 'DID holds not released';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: CatalogChanges,
    @Inject(DID_SETTINGS) private readonly settings: DidSettings,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.settings.holdsCheckIntervalMs;
  }

  /** One run as of `now`: every hold that ended by then, in batches until none is left. */
  async run(now: Date = new Date()): Promise<ExpiredHolds> {
    const total: ExpiredHolds = { reservationsExpired: 0, quarantinesEnded: 0 };
    for (;;) {
      const batch = await this.runBatch(now);
      total.reservationsExpired += batch.reservationsExpired;
      total.quarantinesEnded += batch.quarantinesEnded;
      if (batch.reservationsExpired + batch.quarantinesEnded < BATCH) break;
    }
    if (total.reservationsExpired + total.quarantinesEnded > 0) await this.changes.announce();
    return total;
  }

  protected summaryOf(outcome: ExpiredHolds): string | undefined {
    return outcome.reservationsExpired + outcome.quarantinesEnded > 0
      ? `${outcome.reservationsExpired} DID reservations expired, ${outcome.quarantinesEnded} quarantines ended`
      : undefined;
  }

  private runBatch(now: Date): Promise<ExpiredHolds> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager
        .getRepository(Did)
        .createQueryBuilder('did')
        .where(
          '((did.status = :reserved AND did.reservedUntil <= :now) OR (did.status = :quarantined AND did.quarantinedUntil <= :now))',
          { reserved: DidStatus.Reserved, quarantined: DidStatus.Quarantined, now },
        )
        .orderBy('did.id')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (due.length === 0) return { reservationsExpired: 0, quarantinesEnded: 0 };
      await manager
        .getRepository(Did)
        .update(
          { id: In(due.map((did) => did.id)) },
          { status: DidStatus.Available, accountId: null, reservedUntil: null, quarantinedUntil: null },
        );
      await recordDidSteps(
        manager,
        null,
        due.map((did) => ({ did, step: stepOf(did) })),
      );
      const expired = due.filter((did) => did.status === DidStatus.Reserved).length;
      return { reservationsExpired: expired, quarantinesEnded: due.length - expired };
    });
  }
}

function stepOf(did: Did): DidStep {
  return did.status === DidStatus.Reserved
    ? {
        event: 'reservation_expired',
        fromStatus: DidStatus.Reserved,
        toStatus: DidStatus.Available,
        accountId: did.accountId,
        details: { reservedUntil: did.reservedUntil!.toISOString() },
      }
    : {
        event: 'quarantine_ended',
        fromStatus: DidStatus.Quarantined,
        toStatus: DidStatus.Available,
        accountId: null,
        details: { quarantinedUntil: did.quarantinedUntil!.toISOString() },
      };
}
