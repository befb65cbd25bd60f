import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Did, DidEvent, DidStatus, LedgerEntryKind } from '@tollgate/db';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { ConflictError } from '../http/domain-errors';
import { PostLedgerEntryService } from '../ledger/post-ledger-entry.service';
import { holderAccount, routeColumns, routeOf, sameRoute } from './did-holders';
import { DidTransitions, invalidMove } from './did-transitions';
import { type DidView, toDidView } from './did-view';
import type { AssignDidDto } from './dto/did-lifecycle.dto';

/** What an `assigned` step keeps of the terms it was made on, so its setup fee is posted as it was then. */
interface AssignmentTerms {
  setupFee: string;
  currency: string;
}

/**
 * Gives a number to an account with the route of its inbound calls, and charges the sell setup fee to
 * the account's ledger (kind did_fee). The fee is posted after the assignment commits, under a key
 * made of the number and its `assigned` step: assigning again to the same account with the same route
 * is a retry that changes nothing and posts the fee if the first attempt did not, never twice.
 */
@Injectable()
export class AssignDidService {
  constructor(
    private readonly transitions: DidTransitions,
    private readonly ledger: PostLedgerEntryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async assign(actor: Actor, id: string, input: AssignDidDto): Promise<DidView> {
    const { did, event } = await this.transitions.apply(actor, id, async (current, manager) => {
      const heldByAnother = current.accountId !== null && current.accountId !== input.accountId;
      if (current.status === DidStatus.Reserved && heldByAnother)
        throw new ConflictError(
          `the number is reserved for another account until ${current.reservedUntil!.toISOString()}`,
          'accountId',
        );
      const retry = current.status === DidStatus.Assigned && !heldByAnother;
      if (!retry && current.status !== DidStatus.Available && current.status !== DidStatus.Reserved)
        throw invalidMove(
          current,
          'assign',
          'an available number, or one reserved for the account, can be assigned',
        );
      const account = await holderAccount(actor, manager, current, input.accountId);
      const route = await routeColumns(actor, manager, account.id, input.route, 'route.');
      if (retry) {
        if (sameRoute(route, routeOf(current))) return null;
        throw new ConflictError(
          'the number is already assigned to this account: change its route with PUT /dids/{id}/route',
          'route',
        );
      }
      const terms: AssignmentTerms = { setupFee: current.sellSetupFee.toFixed(), currency: current.currency };
      return {
        action: 'did.assign',
        event: 'assigned',
        changes: {
          status: DidStatus.Assigned,
          accountId: account.id,
          reservedUntil: null,
          quarantinedUntil: null,
          ...route,
        },
        accountId: account.id,
        details: { ...terms, route },
      };
    });
    await this.chargeSetupFee(actor, did, event ?? (await this.lastAssignment(did)));
    return toDidView(did, actor.scope);
  }

  /** The step that made the present assignment (null for numbers assigned before history was kept). */
  private lastAssignment(did: Did): Promise<DidEvent | null> {
    return this.dataSource.getRepository(DidEvent).findOne({
      where: { didId: did.id, event: 'assigned' },
      order: { createdAt: 'DESC' },
    });
  }

  private async chargeSetupFee(actor: Actor, did: Did, assignment: DidEvent | null): Promise<void> {
    if (!assignment?.accountId) return;
    const terms = assignment.details as AssignmentTerms | null;
    if (!terms?.setupFee || new Decimal(terms.setupFee).isZero()) return;
    await this.ledger.post(
      actor,
      { kind: 'account', id: assignment.accountId },
      {
        kind: LedgerEntryKind.DidFee,
        amount: new Decimal(terms.setupFee).negated(),
        idempotencyKey: `did-setup-fee:${did.id}:${assignment.id}`,
        currency: terms.currency,
        description: `Setup fee of DID +${did.number}`,
        reference: `did:${did.id}`,
      },
    );
  }
}
