import { randomBytes } from 'node:crypto';
import { DEMO_OPERATOR } from '@tollgate/db';
import { calleeScenario, callerScenario, freeUdpPort } from '@tollgate/kamailio/testing';
import type { TollgateClient } from '@tollgate/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SippProcess, SippResult } from '../../../infra/kamailio/src/testing';
import { succeeded } from './operator-data';
import { eventually, logIn, open, OWNER, shot, usePortalPlatform } from './portal-harness';
import { useSipPlatform } from './sip-harness';

// Issue 9: a real call, end to end. A demo line (SIPp) calls through infra/kamailio's kamailio.cfg, which
// asks the built API; call control meters it; the owner watches it in the portal (Chromium) and ends it
// there: the API queues the kill, call control has Kamailio send BYE to both sides, Kamailio posts the end,
// cdr-worker writes the CDR and the charge. Nothing is played by the test but the phone and the carrier.

const platform = usePortalPlatform({ ownRedisKeys: true });
const sip = useSipPlatform(platform);

/** Nordwind Logistik's reception phone; its account is postpaid, on the demo's active "Business Flex". */
const LINE = { user: 'nordwind-100', domain: 'pbx.demo.tollgate.test' };
const ACCOUNT_CODE = 'DT-1002';
/** Berlin, a fixed line: "Wholesale EUR" sells it in pulses of 30 s then 6 s. */
const DESTINATION = '4930901820';
const CARRIER = 'Loopback Carrier';
/** What the BYEs say when an operator ends a call (call control's Reason header). */
const ENDED_BY_THE_OPERATOR = /text="ended by the operator"/;

let carrierPort: number;
let accountId: string;

beforeAll(async () => {
  carrierPort = await freeUdpPort();
  const owner = await platform.owner();
  const accounts = await succeeded(owner.GET('/accounts', { params: { query: { search: ACCOUNT_CODE } } }));
  accountId = accounts.data.find((account) => account.code === ACCOUNT_CODE)!.id;
  await addLoopbackCarrier(owner);
  // Catalog changes reach the rating engine a moment later: wait until it routes to the new carrier.
  await vi.waitFor(
    async () => {
      const route = await succeeded(
        owner.GET('/accounts/{id}/routing-test', {
          params: { path: { id: accountId }, query: { number: DESTINATION } },
        }),
      );
      expect(route.vendors[0]?.name, JSON.stringify(route)).toBe(CARRIER);
    },
    { timeout: 60_000, interval: 250 },
  );
});

/**
 * The carrier the call goes out to: a SIPp callee on loopback, the cheapest vendor of the demo's "LCR
 * default" plan (the routing plan of Nordwind's service plan) for Germany, so least-cost routing tries it first.
 */
async function addLoopbackCarrier(owner: TollgateClient): Promise<void> {
  const buyCard = await succeeded(
    owner.POST('/rate-cards', { body: { name: `${CARRIER} buy EUR`, kind: 'buy', currency: 'EUR' } }),
  );
  await succeeded(
    owner.POST('/rate-cards/{id}/rates', {
      params: { path: { id: buyCard.id } },
      body: {
        prefix: '49',
        destination: 'Germany',
        pricePerMinute: '0.0010',
        connectFee: '0',
        firstInterval: 1,
        nextInterval: 1,
        minCharge: '0',
        freeSeconds: 0,
        noChargeBelowSeconds: 0,
        roundingMode: 'half_up',
        roundingDecimals: 4,
        effectiveFrom: '2020-01-01T00:00:00.000Z',
        periodId: null,
      },
    }),
  );
  const vendor = await succeeded(
    owner.POST('/vendors', {
      body: {
        name: CARRIER,
        currency: 'EUR',
        enabled: true,
        buyRateCardId: buyCard.id,
        priority: 0,
        weight: 1,
        notes: 'the SIPp carrier of the portal SIP e2e',
      },
    }),
  );
  await succeeded(
    owner.POST('/vendors/{id}/trunks', {
      params: { path: { id: vendor.id } },
      body: {
        name: 'loopback',
        host: '127.0.0.1',
        port: carrierPort,
        transport: 'udp',
        stripDigits: 0,
        addPrefix: '',
        maxChannels: null,
        timeoutSeconds: 20,
        enabled: true,
      },
    }),
  );
  const plans = await succeeded(owner.GET('/routing-plans', { params: { query: { limit: 50 } } }));
  const lcr = plans.data.find((plan) => plan.name === 'LCR default');
  if (!lcr) throw new Error('the demo has no "LCR default" routing plan');
  await succeeded(
    owner.POST('/routing-plans/{id}/vendors', {
      params: { path: { id: lcr.id } },
      body: { prefix: '', vendorId: vendor.id, priority: null, weight: null },
    }),
  );
}

/** "€0.0048" → 48: the running cost as shown (at most 4 decimals), in ten-thousandths, exactly. */
function shownTenThousandths(text: string | null): bigint {
  const match = /(\d[\d,]*)(?:\.(\d{1,4}))?/.exec(text ?? '');
  if (!match) throw new Error(`not an amount: ${text}`);
  return BigInt(match[1]!.replace(/,/g, '')) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}

/** A decimal string without sign and trailing zeros: "-0.004800" → "0.0048". */
const magnitude = (amount: string) =>
  amount
    .replace(/^-/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');

/** A step that failed, with what Kamailio, call control and cdr-worker logged. */
async function explained<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof Error) error.message += `\n${sip.logs()}`;
    throw error;
  }
}

/** The results, or a failure saying what did not happen within `ms`. */
async function within(ms: number, failure: string, ...results: Array<Promise<SippResult>>) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${failure} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([Promise.all(results), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a live SIP call in the portal', () => {
  let context: BrowserContext;
  let page: Page;
  const callId = `portal-sip-${randomBytes(4).toString('hex')}`;
  let caller: SippProcess;
  let callee: SippProcess;
  let placedAt: Date;
  beforeAll(async () => {
    ({ context, page } = await platform.newSession());
    await logIn(page, OWNER);
  });
  afterAll(async () => context?.close());

  it('shows the call a demo line placed, answered, its running cost growing without reload', async () => {
    await open(page, '/owner/live-calls');
    await eventually(() => page.locator('main').textContent()).toContain('No calls right now');
    placedAt = new Date();
    callee = await sip.sipp({
      scenario: calleeScenario({ answers: true, expectReason: ENDED_BY_THE_OPERATOR }),
      localPort: carrierPort,
      calls: 1,
      timeoutSeconds: 420,
    });
    caller = await sip.sipp({
      scenario: callerScenario({
        authenticates: true,
        outcome: { answered: 'platform-hangs-up', expectReason: ENDED_BY_THE_OPERATOR },
      }),
      localPort: await freeUdpPort(),
      remote: sip.kamailio.sipAddress,
      service: DESTINATION,
      keys: LINE,
      credentials: { user: LINE.user, password: DEMO_OPERATOR.sipPassword },
      calls: 1,
      callId,
      timeoutSeconds: 420,
    });

    const board = page.getByRole('region', { name: `Live calls of ${ACCOUNT_CODE}` });
    const row = board.getByRole('row').filter({ hasText: callId });
    await explained(expect.poll(() => row.textContent(), { timeout: 90_000 }).toContain('answered'));
    expect(await row.textContent()).toContain(`→ ${DESTINATION}`);
    const runningCost = board.getByTestId('running-cost');
    // Call control meters the call every second, the page reads the board again every two: the cost goes
    // up by a pulse at a time (30 s, then 6 s) with no reload. Seen rising twice, the call passed its first
    // pulse: metering goes on, not only the first charge.
    const shown = [shownTenThousandths(await runningCost.textContent())];
    await explained(
      expect
        .poll(
          async () => {
            const now = shownTenThousandths(await runningCost.textContent());
            if (now > shown.at(-1)!) shown.push(now);
            return shown.length;
          },
          { timeout: 120_000, interval: 500 },
        )
        .toBeGreaterThanOrEqual(3),
    );
    expect(await row.getByRole('button', { name: `End call ${callId}` }).isEnabled()).toBe(true);
    await shot(page, 'live-call-sip');
  }, 240_000);

  it('ends the call from the portal: a BYE to both sides, gone from the board, one CDR and one charge', async () => {
    expect(caller, 'the call of the previous test').toBeDefined();
    await page.getByRole('button', { name: `End call ${callId}` }).click();

    // Both SIPp ends exit 0 only once they got a BYE saying the operator ended the call.
    const legs = await explained(within(90_000, 'both SIPp ends got no BYE', caller.result, callee.result));
    const outputs = legs.map((leg) => leg.output).join('\n');
    expect(
      legs.map((leg) => leg.exitCode),
      `${outputs}\n${sip.logs()}`,
    ).toEqual([0, 0]);
    expect((await sip.kamailio.client.listDialogs()).map((dialog) => dialog.callId)).not.toContain(callId);
    await explained(
      expect
        .poll(() => page.locator('main').textContent(), { timeout: 60_000 })
        .toContain('No calls right now'),
    );

    const owner = await platform.owner();
    const cdrsOfTheCall = async () =>
      (
        await succeeded(
          owner.GET('/cdrs', {
            params: {
              query: { accountId, number: DESTINATION, from: placedAt.toISOString() },
            },
          }),
        )
      ).data.filter((cdr) => cdr.callId === callId);
    const [cdr] = await explained(
      vi.waitFor(
        async () => {
          const cdrs = await cdrsOfTheCall();
          expect(cdrs.map((c) => c.ratingStatus)).toEqual(['rated']);
          return cdrs;
        },
        { timeout: 90_000, interval: 500 },
      ),
    );
    expect(cdr).toMatchObject({ disposition: 'answered', destination: DESTINATION, direction: 'outbound' });
    // Held past the 30 s first pulse (the board showed the next one): billed in 6 s pulses after it.
    expect(cdr!.billedSeconds).toBeGreaterThanOrEqual(36);
    expect((cdr!.billedSeconds! - 30) % 6).toBe(0);
    expect(cdr!.price).not.toBeNull();

    const charges = await succeeded(
      owner.GET('/accounts/{id}/ledger', {
        params: { path: { id: accountId }, query: { kind: 'call_charge', limit: 100 } },
      }),
    );
    const chargesOfTheCall = charges.data.filter((entry) => entry.reference === callId);
    expect(chargesOfTheCall.map((entry) => magnitude(entry.amount))).toEqual([magnitude(cdr!.price!)]);
  }, 240_000);
});
