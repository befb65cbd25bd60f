import { setTimeout as sleep } from 'node:timers/promises';
import type { DidStatus, Tenant } from '@tollgate/db';
import { afterAll, beforeAll, expect } from 'vitest';
import { CatalogChanges } from '../rating-catalog/catalog-changes';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { type ApiResponse, ApiTestKit } from '../testing/api-test-kit';
import { ExpireDidHoldsJob } from './expire-did-holds.job';

export interface DidBody {
  id: string;
  tenantId: string;
  number: string;
  status: DidStatus;
  accountId: string | null;
  reservedUntil: string | null;
  quarantinedUntil: string | null;
  routeKind: string | null;
  routeLineId: string | null;
  routeServiceId: string | null;
  routeUri: string | null;
  [field: string]: unknown;
}

export interface EventBody {
  event: string;
  fromStatus: DidStatus | null;
  toStatus: DidStatus;
  accountId: string | null;
  actorUserId: string | null;
  details: Record<string, unknown> | null;
}

export interface LedgerFee {
  amount: string;
  idempotencyKey: string;
  description: string;
  reference: string;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export const DAY = 86_400_000;
export const QUARANTINE_DAYS = 7;

/**
 * The world every DID spec starts from, on a fresh database per file: an owner with resellers A and B
 * and A's sub-reseller, their accounts (EUR, and one of the owner's in USD), lines, services and vendors,
 * and the helpers the specs share. Call it at the top of a `describe`: it registers the hooks.
 */
export function useDidFixture() {
  const fixture = {
    kit: undefined as unknown as ApiTestKit,
    tenants: {} as Record<'owner' | 'resellerA' | 'subA', Tenant>,
    tokens: { owner: '', a: '', b: '' },
    /** Accounts by name: owner's (EUR, and one in USD), A's, B's and A's sub-reseller's, all prepaid. */
    accounts: {} as Record<'owner' | 'other' | 'usd' | 'a' | 'b' | 'subA', string>,
    lines: {} as Record<'owner' | 'other' | 'b', string>,
    services: {} as Record<'trunk' | 'pbx', string>,
    vendors: {} as Record<'eur' | 'usd' | 'a' | 'b', string>,
    call,
    ok,
    account,
    nextNumber,
    addDid,
    getDid,
    move,
    events,
    fieldsOf,
    inDays,
    uriRoute: { kind: 'uri', uri: 'sip:ivr@pbx.example.net' },
    job: () => fixture.kit.app.get(ExpireDidHoldsJob),
    catalogReflects,
    ledgerFees,
    rangeOf,
  };
  const { tokens, accounts, lines, services, vendors } = fixture;
  let sequence = 0;

  beforeAll(async () => {
    const kit = (fixture.kit = await ApiTestKit.start({ DID_QUARANTINE_DAYS: String(QUARANTINE_DAYS) }));
    const ownerSetup = await kit.createTenant('DIDs Owner');
    const a = await kit.createTenant('DIDs Reseller A', ownerSetup.tenant);
    const b = await kit.createTenant('DIDs Reseller B', ownerSetup.tenant);
    fixture.tenants.owner = ownerSetup.tenant;
    fixture.tenants.resellerA = a.tenant;
    fixture.tenants.subA = (await kit.createTenant('DIDs Sub A', a.tenant)).tenant;
    tokens.owner = await kit.login(ownerSetup.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);

    accounts.owner = await account(tokens.owner, 'OWN-1');
    accounts.other = await account(tokens.owner, 'OWN-2');
    accounts.usd = await account(tokens.owner, 'OWN-USD', { currency: 'USD' });
    accounts.a = await account(tokens.a, 'A-1');
    accounts.b = await account(tokens.b, 'B-1');
    accounts.subA = await account(tokens.a, 'SUBA-1', { tenantId: fixture.tenants.subA.id });

    const domain = (token: string, name: string) => ok(call('POST', '/domains', token, { name }), 201);
    const ownerDomain = (await domain(tokens.owner, 'sip.dids-owner.test')).id;
    const bDomain = (await domain(tokens.b, 'sip.dids-b.test')).id;
    const line = async (token: string, accountId: string, domainId: string, username: string) =>
      (await ok(call('POST', '/lines', token, { accountId, domainId, username }), 201)).id as string;
    lines.owner = await line(tokens.owner, accounts.owner, ownerDomain, 'did-owner');
    lines.other = await line(tokens.owner, accounts.other, ownerDomain, 'did-other');
    lines.b = await line(tokens.b, accounts.b, bDomain, 'did-b');
    const service = async (body: object) =>
      (await ok(call('POST', '/services', tokens.owner, { accountId: accounts.owner, ...body }), 201))
        .id as string;
    services.trunk = await service({
      kind: 'sip_trunk',
      name: 'PBX trunk',
      allowedSourceIps: ['198.51.100.77'],
    });
    services.pbx = await service({ kind: 'hosted_pbx', name: 'Hosted PBX' });
    const vendor = async (token: string, name: string, currency: string) =>
      (await ok(call('POST', '/vendors', token, { name, currency }), 201)).id as string;
    vendors.eur = await vendor(tokens.owner, 'Numbers EUR', 'EUR');
    vendors.usd = await vendor(tokens.owner, 'Numbers USD', 'USD');
    vendors.a = await vendor(tokens.a, 'A numbers', 'EUR');
    vendors.b = await vendor(tokens.b, 'B numbers', 'EUR');
  });
  afterAll(async () => fixture.kit?.close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function call<T = any>(method: Method, url: string, token: string, body?: unknown) {
    return fixture.kit.request<T>(method, url, { token, body });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function ok<T = any>(request: Promise<ApiResponse<T>>, status = 200): Promise<T> {
    const response = await request;
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response.body;
  }

  async function account(token: string, code: string, extra: object = {}): Promise<string> {
    return (await ok(call('POST', '/accounts', token, { code, name: code, currency: 'EUR', ...extra }), 201))
      .id;
  }

  /** A fresh number of 11 digits, unique in the file. */
  function nextNumber() {
    return `4930${String(1_000_000 + sequence++)}`;
  }

  function addDid(token = tokens.owner, fields: object = {}) {
    return ok<DidBody>(
      call('POST', '/dids', token, { number: nextNumber(), country: 'DE', currency: 'EUR', ...fields }),
      201,
    );
  }

  function getDid(id: string, token = tokens.owner) {
    return ok<DidBody>(call('GET', `/dids/${id}`, token));
  }

  function move(id: string, verb: string, body?: object, token = tokens.owner) {
    return call<DidBody>('POST', `/dids/${id}/${verb}`, token, body);
  }

  async function events(id: string, token = tokens.owner): Promise<EventBody[]> {
    return (await ok(call('GET', `/dids/${id}/events?limit=200`, token))).data;
  }

  function fieldsOf(body: { errors?: Array<{ field: string }> }) {
    return (body.errors ?? []).map((e) => e.field);
  }

  function inDays(days: number) {
    return new Date(Date.now() + days * DAY).toISOString();
  }

  async function catalogReflects() {
    const since = Date.now();
    await fixture.kit.app.get(CatalogChanges).announce();
    const catalog = fixture.kit.app.get(RatingCatalog);
    while (catalog.loadedAt.getTime() <= since) await sleep(10);
  }

  async function ledgerFees(accountId: string, token = tokens.owner): Promise<LedgerFee[]> {
    return (await ok(call('GET', `/accounts/${accountId}/ledger?kind=did_fee&limit=200`, token))).data;
  }

  /** A range request of `count` numbers that no other helper hands out. */
  function rangeOf(count: number) {
    const from = 4930998000;
    return { from: String(from), to: String(from + count - 1), country: 'DE', currency: 'EUR' };
  }

  return fixture;
}
