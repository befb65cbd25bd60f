import { Account, BillingType, UserRole } from '@tollgate/db';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';

describe("a tenant's own settings", () => {
  let kit: ApiTestKit;
  let ownerToken: string;
  let resellerToken: string;
  let resellerId: string;

  beforeAll(async () => {
    kit = await ApiTestKit.start();
    const owner = await kit.createTenant('Settings Owner');
    const reseller = await kit.createTenant('Settings Reseller', owner.tenant);
    resellerId = reseller.tenant.id;
    ownerToken = await kit.login(owner.user.email);
    resellerToken = await kit.login(reseller.user.email);
  });
  afterAll(async () => kit?.close());

  it('reads and changes the defaults and brand, audited', async () => {
    const before = await kit.request('GET', '/settings', { token: resellerToken });
    expect(before.body).toMatchObject({
      tenantId: resellerId,
      tenantName: 'Settings Reseller',
      defaultCurrency: 'USD',
    });
    const changed = await kit.request('PATCH', '/settings', {
      token: resellerToken,
      body: { brandName: 'Acme Voice', primaryColor: '#0a84ff', defaultCurrency: 'EUR' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      brandName: 'Acme Voice',
      primaryColor: '#0a84ff',
      defaultCurrency: 'EUR',
    });
    const [entry] = await kit.dataSource.query(
      `SELECT changes FROM audit_log WHERE action = 'settings.update'`,
    );
    expect(entry.changes).toMatchObject({ brandName: { before: null, after: 'Acme Voice' } });
  });

  it('keeps a reseller from changing the terms its parent sets, and names bad fields', async () => {
    const terms = await kit.request('PATCH', '/settings', {
      token: resellerToken,
      body: { creditLimit: '100000', billingType: 'postpaid' },
    });
    expect(terms.status).toBe(400);
    const bad = await kit.request('PATCH', '/settings', {
      token: resellerToken,
      body: { primaryColor: 'blue', defaultTimezone: 'Moon/Base' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'defaultTimezone',
      'primaryColor',
    ]);
    const byParent = await kit.request('PATCH', `/resellers/${resellerId}`, {
      token: ownerToken,
      body: { settings: { billingType: 'postpaid', creditLimit: '250.50' } },
    });
    expect(byParent.body.settings).toMatchObject({ billingType: 'postpaid', creditLimit: '250.5' });
  });

  it('lets end users read their provider brand but change nothing; read-only staff cannot change it', async () => {
    const account = await kit.dataSource.getRepository(Account).save({
      tenantId: resellerId,
      code: 'SET-1',
      name: 'Customer',
      billingType: BillingType.Prepaid,
      creditLimit: new Decimal(0),
      currency: 'EUR',
    });
    const endUser = await kit.createUser(
      { id: resellerId },
      UserRole.Admin,
      'settings-end-user@example.test',
      account.id,
    );
    const endUserToken = await kit.login(endUser.email);
    const read = await kit.request('GET', '/settings', { token: endUserToken });
    expect(read.body).toMatchObject({ tenantId: resellerId, brandName: 'Acme Voice' });
    expect(
      (await kit.request('PATCH', '/settings', { token: endUserToken, body: { brandName: 'x' } })).status,
    ).toBe(403);
    const reader = await kit.createUser(
      { id: resellerId },
      UserRole.ReadOnly,
      'settings-reader@example.test',
    );
    const readerToken = await kit.login(reader.email);
    expect((await kit.request('GET', '/settings', { token: readerToken })).status).toBe(200);
    expect(
      (await kit.request('PATCH', '/settings', { token: readerToken, body: { brandName: 'x' } })).status,
    ).toBe(403);
  });
});
