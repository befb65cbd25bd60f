import { DidEvent, DidStatus } from '@tollgate/db';
import { describe, expect, it } from 'vitest';
import { DAY, QUARANTINE_DAYS, type DidBody, useDidFixture } from './did-test-fixture';

describe('DIDs: fees', () => {
  const fixture = useDidFixture();
  const { tokens, tenants, call, ok, account, addDid, move, events, uriRoute, job, ledgerFees } = fixture;

  describe('setup fee', () => {
    it("posts the sell setup fee to the account's ledger once, even when the assignment is repeated", async () => {
      const feeAccount = await account(tokens.owner, 'FEE-1');
      const did = await addDid(tokens.owner, { sellSetupFee: '5.00', sellMonthlyFee: '2.00' });
      const body = { accountId: feeAccount, route: uriRoute };
      const first = await ok<DidBody>(move(did.id, 'assign', body));
      const retry = await ok<DidBody>(move(did.id, 'assign', body));
      expect(retry).toEqual(first);
      const [assignment] = (await events(did.id)).filter((e) => e.event === 'assigned');
      expect(assignment!.details).toMatchObject({ setupFee: '5', currency: 'EUR' });
      const fees = await ledgerFees(feeAccount);
      expect(fees).toHaveLength(1);
      expect(fees[0]).toMatchObject({
        amount: '-5',
        description: `Setup fee of DID +${did.number}`,
        reference: `did:${did.id}`,
        idempotencyKey: expect.stringContaining(did.id),
      });
      const balance = await ok(call('GET', `/accounts/${feeAccount}/balance`, tokens.owner));
      expect(balance.amount).toBe('-5');
      expect((await events(did.id)).filter((e) => e.event === 'assigned')).toHaveLength(1);

      // A new assignment after quarantine is a new sale: the fee again, once.
      await ok(move(did.id, 'release'));
      await job().run(new Date(Date.now() + (QUARANTINE_DAYS + 1) * DAY));
      await ok(move(did.id, 'assign', body));
      await ok(move(did.id, 'assign', body));
      expect(await ledgerFees(feeAccount)).toHaveLength(2);

      const free = await addDid();
      await ok(move(free.id, 'assign', body));
      expect(await ledgerFees(feeAccount)).toHaveLength(2);
    });

    it('posts a fee an assignment committed without (the request failed after the commit) when it is retried', async () => {
      const feeAccount = await account(tokens.owner, 'FEE-2');
      const did = await addDid(tokens.owner, { sellSetupFee: '3.25' });
      // What an assignment whose fee posting failed leaves behind: the number assigned, its step, no entry.
      await fixture.kit.dataSource.query(
        `UPDATE dids SET status = 'assigned', account_id = $2, route_kind = 'uri', route_uri = $3 WHERE id = $1`,
        [did.id, feeAccount, uriRoute.uri],
      );
      await fixture.kit.dataSource.getRepository(DidEvent).insert({
        tenantId: tenants.owner.id,
        didId: did.id,
        event: 'assigned',
        fromStatus: DidStatus.Available,
        toStatus: DidStatus.Assigned,
        accountId: feeAccount,
        details: { setupFee: '3.25', currency: 'EUR' },
      });
      // Prices changed since: the fee is the one the assignment was made on.
      await ok(call('PATCH', `/dids/${did.id}`, tokens.owner, { sellSetupFee: '9.99' }));
      expect(await ledgerFees(feeAccount)).toHaveLength(0);
      await ok(move(did.id, 'assign', { accountId: feeAccount, route: uriRoute }));
      await ok(move(did.id, 'assign', { accountId: feeAccount, route: uriRoute }));
      const fees = await ledgerFees(feeAccount);
      expect(fees.map((fee) => fee.amount)).toEqual(['-3.25']);
    });
  });
});
