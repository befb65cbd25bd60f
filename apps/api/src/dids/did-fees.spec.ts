import { DidEvent, DidStatus } from '@tollgate/db';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { DAY, QUARANTINE_DAYS, type DidBody, useDidFixture } from './did-test-fixture';
import { PostDidMonthlyFeesJob } from './post-did-monthly-fees.job';

describe('DIDs: fees', () => {
  const fixture = useDidFixture();
  const { tokens, accounts, tenants, call, ok, account, addDid, move, events, uriRoute, job, ledgerFees } =
    fixture;

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

  describe('monthly fee', () => {
    const monthlyJob = () => fixture.kit.app.get(PostDidMonthlyFeesJob);
    /** Runs the job as of `now`, twice at once and once more: replays and concurrent runs post once. */
    const runRepeatedly = async (now: string) => {
      const at = new Date(now);
      await Promise.all([monthlyJob().run(at), monthlyJob().run(at)]);
      return monthlyJob().run(at);
    };
    const monthlyFees = async (accountId: string, didId: string, token = tokens.owner) =>
      (await ledgerFees(accountId, token))
        .filter((fee) => fee.reference === `did:${didId}` && fee.description.startsWith('Monthly'))
        .map((fee) => [
          fee.description.replace(/^.*, (\d{4}-\d{2})/, '$1'),
          new Decimal(fee.amount).toFixed(),
        ])
        .sort();
    /** Dates the number's steps as if they had happened then (the API stamps them with the present). */
    const dateSteps = (didId: string, event: string, at: string) =>
      fixture.kit.dataSource.query(`UPDATE did_events SET created_at = $3 WHERE did_id = $1 AND event = $2`, [
        didId,
        event,
        at,
      ]);
    const assigned = async (token: string, accountId: string, sellMonthlyFee: string, at: string) => {
      const did = await addDid(token, { sellMonthlyFee });
      await ok(move(did.id, 'assign', { accountId, route: uriRoute }, token));
      await dateSteps(did.id, 'assigned', at);
      return did;
    };

    it('charges the rest of the first month pro rata by day, then each month in full, once however often it runs', async () => {
      const holder = await account(tokens.owner, 'MONTHLY-1');
      const did = await assigned(tokens.owner, holder, '3.10', '2026-11-13T10:00:00Z');
      expect(await runRepeatedly('2026-11-13T11:00:00Z')).toEqual({ posted: 0, failed: 0 });
      // 3.10 × 18 of 30 days (13 to 30 November).
      expect(await monthlyFees(holder, did.id)).toEqual([['2026-11, 18 of 30 days', '-1.86']]);
      await runRepeatedly('2026-12-01T00:30:00Z');
      expect(await monthlyFees(holder, did.id)).toEqual([
        ['2026-11, 18 of 30 days', '-1.86'],
        ['2026-12', '-3.1'],
      ]);
      const balance = await ok(call('GET', `/accounts/${holder}/balance`, tokens.owner));
      expect(balance.amount).toBe('-4.96');
    });

    it('keeps the month of a number released mid-month and charges nothing after it', async () => {
      const holder = await account(tokens.owner, 'MONTHLY-2');
      const did = await assigned(tokens.owner, holder, '10.00', '2026-10-05T12:00:00Z');
      // The first run after an outage catches up October's part (27 of 31 days, rounded half up).
      await runRepeatedly('2026-11-02T00:00:00Z');
      await ok(move(did.id, 'release'));
      await dateSteps(did.id, 'released', '2026-11-15T09:00:00Z');
      await runRepeatedly('2026-11-20T00:00:00Z');
      await runRepeatedly('2026-12-03T00:00:00Z');
      expect(await monthlyFees(holder, did.id)).toEqual([
        ['2026-10, 27 of 31 days', '-8.709677'],
        ['2026-11', '-10'],
      ]);
    });

    it("posts a reseller's number fee to its customer's ledger, which no other reseller can read", async () => {
      const did = await assigned(tokens.a, accounts.a, '2.00', '2026-11-01T00:00:00Z');
      await runRepeatedly('2026-11-10T00:00:00Z');
      expect(await monthlyFees(accounts.a, did.id, tokens.a)).toEqual([['2026-11', '-2']]);
      const [entry] = (await fixture.kit.dataSource.query(
        `SELECT tenant_id AS "tenantId" FROM ledger_entries WHERE account_id = $1 AND reference = $2`,
        [accounts.a, `did:${did.id}`],
      )) as Array<{ tenantId: string }>;
      expect(entry?.tenantId).toBe(tenants.resellerA.id);
      expect((await call('GET', `/accounts/${accounts.a}/ledger`, tokens.b)).status).toBe(404);
      expect(await ledgerFees(accounts.b, tokens.b)).toEqual([]);
    });
  });
});
