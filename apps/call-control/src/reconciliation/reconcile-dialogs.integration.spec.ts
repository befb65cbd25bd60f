import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eurRate, openTestPools, prepaid, type TestPools } from '@tollgate/credit-pools/testing';
import { DialogState } from '@tollgate/kamailio';
import {
  startKamailio,
  startSippCall,
  type KamailioProcess,
  type SippCall,
} from '@tollgate/kamailio/testing';
import { createLogger, createMetricsRegistry } from '@tollgate/observability';
import type { CdrJobInput } from '@tollgate/cdr';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CallControlMetrics } from '../call-control-metrics';
import { CallControlMembers } from '../metering/call-control-members';
import { LivePools } from '../metering/live-pools';
import { DialogReconciliation } from './reconcile-dialogs';

let kamailio: KamailioProcess;
let kit: TestPools;
let live: LivePools;
let reconciliation: DialogReconciliation;
let dir: string;
const calls: SippCall[] = [];
const handedOver: CdrJobInput[] = [];

beforeAll(async () => {
  [kamailio, kit] = await Promise.all([startKamailio(), openTestPools()]);
  dir = await mkdtemp(join(tmpdir(), 'tollgate-reconcile-'));
  live = new LivePools(kit.pools, kit.redis, kit.prefix);
  const members = new CallControlMembers(kit.redis, `${kit.prefix}:members`, 'test', { expireMs: 60_000 });
  await members.heartbeat();
  const metrics = new CallControlMetrics(createMetricsRegistry('reconcile-test'));
  reconciliation = new DialogReconciliation(
    kit.pools,
    live,
    members,
    kamailio.client,
    metrics,
    createLogger('reconcile-test', 'silent'),
    async (job) => {
      handedOver.push(job);
    },
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(calls.map((call) => call.stop()));
  await live?.stop();
  await kamailio?.stop();
  await kit?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function confirmedCall(account: string, expectReason?: RegExp): Promise<SippCall> {
  const call = await startSippCall({
    proxyPort: kamailio.sipPort,
    dir,
    account,
    ...(expectReason ? { expectReason } : {}),
    timeoutSeconds: 20,
  });
  calls.push(call);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const dialog = (await kamailio.client.listDialogs()).find((d) => d.callId === call.callId);
    if (dialog?.state === DialogState.Confirmed) return call;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`call ${call.callId} not answered:\n${kamailio.output()}`);
}

const reserve = (accountId: string, callId: string) =>
  kit.pools.reserve({
    accountId,
    callId,
    fromTag: 'f',
    seed: prepaid('10'),
    rate: eurRate(),
    maxCalls: null,
  });

it('settles a call Kamailio lost, seen missing twice, for its seconds up to the first time', async () => {
  const accountId = randomUUID();
  const answeredAt = new Date(Date.now() - 42_000);
  await reserve(accountId, 'ghost@pbx');
  await kit.pools.begin({ accountId, callId: 'ghost@pbx', fromTag: 'f', toTag: 't', now: answeredAt });
  await live.scan();
  const firstSeen = Date.now();
  expect(await reconciliation.reconcile(firstSeen)).toMatchObject({ missing: 1, closed: 0 });
  expect((await kit.pools.call(accountId, 'ghost@pbx'))!.state).toBe('active');
  expect(await reconciliation.reconcile(firstSeen + 30_000)).toMatchObject({ closed: 1 });
  const settled = await kit.pools.call(accountId, 'ghost@pbx');
  expect(settled!.state).toBe('ended');
  expect(settled!.cost!.toFixed()).toBe('0.42'); // 42 whole seconds at 0.01
  expect(handedOver).toEqual([
    expect.objectContaining({
      source: 'call-control',
      callId: 'ghost@pbx',
      accountId,
      answeredAt: answeredAt.toISOString(),
      durationSeconds: 42,
      disposition: 'answered',
      liveCharged: '0.42',
      endCause: 'lost-end',
    }),
  ]);
});

it('ends a dialog billing does not know on a prepaid account, and only reports one without a pool', async () => {
  const prepaidAccount = randomUUID();
  await reserve(prepaidAccount, 'ringing@pbx'); // the account's pool exists, prepaid
  const stranger = await confirmedCall(prepaidAccount, /unknown to billing/);
  const unpooled = await confirmedCall(randomUUID());
  await live.scan();
  expect(await reconciliation.reconcile()).toMatchObject({ unknown: 2, ended: 1 });
  const legs = await stranger.ended;
  expect(legs.caller.exitCode, legs.caller.output).toBe(0);
  expect(legs.callee.exitCode, legs.callee.output).toBe(0);
  const dialogs = await kamailio.client.listDialogs();
  expect(dialogs.map((dialog) => dialog.callId)).toContain(unpooled.callId);
});
