import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DidBody, useDidFixture } from './did-test-fixture';

describe('DIDs: bulk import', () => {
  const fixture = useDidFixture();
  const { tokens, vendors, tenants, call, ok, addDid, events, fieldsOf } = fixture;

  describe('bulk', () => {
    const rangeBody = (from: string, to: string, extra: object = {}) => ({
      from,
      to,
      country: 'DE',
      currency: 'EUR',
      sellMonthlyFee: '1.50',
      ...extra,
    });
    const countRange = async (from: string, to: string) =>
      Number(
        (
          await fixture.kit.dataSource.query(
            `SELECT count(*) AS n FROM dids WHERE deleted_at IS NULL AND number BETWEEN $1 AND $2`,
            [from, to],
          )
        )[0].n,
      );

    it('adds a range all or nothing, naming every number already in the inventory', async () => {
      await addDid(tokens.owner, { number: '4940555000003' });
      await addDid(tokens.a, { number: '4940555000007' });
      const clash = await call(
        'POST',
        '/dids/range',
        tokens.owner,
        rangeBody('4940555000000', '4940555000009'),
      );
      expect(clash.status).toBe(400);
      expect(clash.body.errors).toEqual([
        { field: 'numbers.3', reason: '4940555000003 is already in the inventory' },
        { field: 'numbers.7', reason: '4940555000007 is already in the inventory' },
      ]);
      expect(await countRange('4940555000000', '4940555000009')).toBe(2);

      const result = await ok(
        call(
          'POST',
          '/dids/range',
          tokens.owner,
          rangeBody('+4940555000010', '4940555000019', { vendorId: vendors.eur }),
        ),
        201,
      );
      expect(result).toEqual({ created: 10, importId: expect.any(String) });
      const page = await ok(call('GET', '/dids?numberPrefix=494055500001&limit=200', tokens.owner));
      expect(page.data.map((d: DidBody) => d.number)).toEqual(
        Array.from({ length: 10 }, (_, i) => `49405550000${10 + i}`),
      );
      expect(page.data[0]).toMatchObject({
        status: 'available',
        sellMonthlyFee: '1.5',
        vendorId: vendors.eur,
      });
      expect((await events(page.data[9].id))[0]).toMatchObject({
        event: 'added',
        details: { importId: result.importId },
      });
      const audit = await fixture.kit.dataSource.query(
        `SELECT action, changes FROM audit_log WHERE entity_id = $1`,
        [result.importId],
      );
      expect(audit).toEqual([
        {
          action: 'did.import',
          changes: {
            created: { before: null, after: 10 },
            first: { before: null, after: '4940555000010' },
            last: { before: null, after: '4940555000019' },
          },
        },
      ]);

      const vendor = await call(
        'POST',
        '/dids/range',
        tokens.owner,
        rangeBody('4940555000100', '4940555000199', { vendorId: vendors.usd }),
      );
      expect(vendor.body.errors).toEqual([{ field: 'vendorId', reason: expect.stringContaining('USD') }]);
    });

    it('refuses a range that is upside down, of mixed lengths or over 10,000 numbers', async () => {
      for (const [from, to] of [
        ['4940666000010', '4940666000009'],
        ['4940666000010', '494066600001'],
        ['4940666000000', '4940666010000'],
      ] as const) {
        const response = await call('POST', '/dids/range', tokens.owner, rangeBody(from, to));
        expect(response.status, `${from}-${to}`).toBe(400);
        expect(fieldsOf(response.body), `${from}-${to}`).toEqual(['to']);
      }
    });

    it('adds 10,000 numbers in one request', async () => {
      const result = await ok(
        call('POST', '/dids/range', tokens.a, rangeBody('3314000000', '3314009999')),
        201,
      );
      expect(result.created).toBe(10_000);
      expect(await countRange('3314000000', '3314009999')).toBe(10_000);
      const steps = await fixture.kit.dataSource.query(
        `SELECT count(*) AS n FROM did_events WHERE details ->> 'importId' = $1`,
        [result.importId],
      );
      expect(Number(steps[0].n)).toBe(10_000);
    });

    it('adds rows all or nothing, reporting every bad row by index and field', async () => {
      const existing = await addDid();
      const row = (number: string, extra: object = {}) => ({
        number,
        country: 'FR',
        currency: 'EUR',
        ...extra,
      });
      const invalid = await call('POST', '/dids/bulk', tokens.owner, {
        rows: [
          row('33190000001'),
          row('033190000002'),
          row('33190000003', { country: 'France', sellSetupFee: 'x' }),
        ],
      });
      expect(invalid.status).toBe(400);
      expect(fieldsOf(invalid.body)).toEqual(['rows.1.number', 'rows.2.country', 'rows.2.sellSetupFee']);

      const conflicting = await call('POST', '/dids/bulk', tokens.owner, {
        rows: [
          row('33190000011'),
          row('+33190000011'),
          row(existing.number),
          row('33190000014', { vendorId: vendors.usd }),
          row('33190000015', { vendorId: vendors.b }),
          row('33190000016', { vendorId: randomUUID() }),
          row('33190000017', { vendorId: vendors.eur }),
        ],
      });
      expect(conflicting.status).toBe(400);
      expect(conflicting.body.errors).toEqual([
        { field: 'rows.1.number', reason: '33190000011 is repeated: first at rows.0.number' },
        { field: 'rows.2.number', reason: `${existing.number} is already in the inventory` },
        { field: 'rows.3.vendorId', reason: expect.stringContaining('USD') },
        { field: 'rows.4.vendorId', reason: "must be a vendor of the DID's own tenant" },
        { field: 'rows.5.vendorId', reason: 'vendor not found' },
      ]);
      expect(await countRange('33190000000', '33190000099')).toBe(0);

      const result = await ok(
        call('POST', '/dids/bulk', tokens.owner, {
          tenantId: tenants.resellerA.id,
          rows: [row('33190000021', { sellSetupFee: '2' }), row('33190000022', { vendorId: vendors.a })],
        }),
        201,
      );
      expect(result.created).toBe(2);
      const added = await ok(call('GET', '/dids?numberPrefix=3319000002', tokens.a));
      expect(added.data).toEqual([
        expect.objectContaining({
          number: '33190000021',
          sellSetupFee: '2',
          tenantId: tenants.resellerA.id,
          country: 'FR',
        }),
        expect.objectContaining({ number: '33190000022', vendorId: vendors.a }),
      ]);
      expect((await call('POST', '/dids/bulk', tokens.owner, { rows: [] })).status).toBe(400);
    });

    it('takes rows up to the 10,000 limit within the raised body limit', async () => {
      const rows = Array.from({ length: 10_001 }, (_, i) => ({
        number: `3399${String(i).padStart(7, '0')}`,
        country: 'FR',
        currency: 'EUR',
        vendorId: vendors.eur,
        buySetupFee: '0.000001',
        buyMonthlyFee: '0.000001',
        buyPerMinute: '0.00000001',
        sellSetupFee: '0.000001',
        sellMonthlyFee: '0.000001',
        sellPerMinute: '0.00000001',
      }));
      const tooMany = await call('POST', '/dids/bulk', tokens.owner, { rows });
      expect(tooMany.status).toBe(400);
      expect(fieldsOf(tooMany.body)).toEqual(['rows']);
      const result = await ok(call('POST', '/dids/bulk', tokens.owner, { rows: rows.slice(0, 10_000) }), 201);
      expect(result.created).toBe(10_000);
    });
  });
});
