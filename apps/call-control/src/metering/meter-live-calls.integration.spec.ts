import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepaid, eurRate, openTestPools, type TestPools } from '@tollgate/credit-pools/testing';
import { DialogState, type Dialog } from '@tollgate/kamailio';
import {
  startKamailio,
  startSippCall,
  type KamailioProcess,
  type SippCall,
} from '@tollgate/kamailio/testing';
import { createLogger, createMetricsRegistry } from '@tollgate/observability';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALL_SHUTDOWN_QUEUE,
  callCommandsStream,
  callShutdownJobId,
  encodeCallCommand,
} from '@tollgate/credit-pools';
import { Queue } from 'bullmq';
import { CallControlMetrics } from '../call-control-metrics';
import { CallCommandsConsumer } from '../commands/call-commands-consumer';
import { CallShutdownQueue } from '../events/call-shutdown-queue';
import { CallControlMembers } from './call-control-members';
import { CallTerminator } from './call-terminator';
import { LivePools } from './live-pools';
import { LiveCallMeter } from './meter-live-calls';

// Real Kamailio (dialogs, JSON-RPC, BYEs) and real SIPp legs; the pools on the real Redis. Kamailio's test
// cfg does not call the rating API: the test reserves and begins the calls itself, as the API would.

let kamailio: KamailioProcess;
let kit: TestPools;
let meter: LiveCallMeter;
let live: LivePools;
let dir: string;
let commands: CallCommandsConsumer;
let shutdowns: CallShutdownQueue;
const calls: SippCall[] = [];

beforeAll(async () => {
  [kamailio, kit] = await Promise.all([startKamailio(), openTestPools()]);
  dir = await mkdtemp(join(tmpdir(), 'tollgate-call-control-'));
  const logger = createLogger('call-control-test', 'silent');
  const metrics = new CallControlMetrics(createMetricsRegistry('call-control-test'));
  live = new LivePools(kit.pools, kit.redis, kit.prefix);
  await live.start();
  shutdowns = new CallShutdownQueue(kit.redis.duplicate(), queuePrefix());
  const terminator = new CallTerminator(kit.pools, kit.redis, kamailio.client, metrics, logger, shutdowns);
  const members = new CallControlMembers(kit.redis, `${kit.prefix}:call-control:members`, 'test', {
    expireMs: 5000,
  });
  meter = new LiveCallMeter(kit.pools, kit.redis, live, members, terminator, metrics, logger, {
    periodMs: 1000,
    scanEveryMs: 60_000,
  });
  meter.start();
  commands = new CallCommandsConsumer(kit.redis.duplicate(), kit.pools, terminator, logger, {
    consumer: 'test',
    blockMs: 200,
    claimIdleMs: 30_000,
  });
  await commands.start();
}, 180_000);

afterAll(async () => {
  await meter?.stop();
  await commands?.stop();
  await live?.stop();
  await shutdowns?.close();
  await Promise.all(calls.map((call) => call.stop()));
  await kamailio?.stop();
  await kit?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const queuePrefix = () => `${kit.prefix}:queues`;

/** The call-shutdown events queued for these calls, by Call-ID. */
async function shutdownEvents(accountId: string, callIds: string[]): Promise<Record<string, unknown>> {
  const queue = new Queue(CALL_SHUTDOWN_QUEUE, { connection: kit.redis.duplicate(), prefix: queuePrefix() });
  try {
    const events: Record<string, unknown> = {};
    for (const callId of callIds)
      events[callId] = (await queue.getJob(callShutdownJobId({ accountId, callId })))?.data;
    return events;
  } finally {
    await queue.close();
  }
}

/** A SIPp call through Kamailio, answered, with its dialog as Kamailio lists it. */
async function answeredCall(
  accountId: string,
  expectReason: RegExp,
): Promise<{ call: SippCall; dialog: Dialog }> {
  const call = await startSippCall({
    proxyPort: kamailio.sipPort,
    dir,
    account: accountId,
    expectReason,
    timeoutSeconds: 20,
  });
  calls.push(call);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const dialog = (await kamailio.client.listDialogs()).find((d) => d.callId === call.callId);
    if (dialog?.state === DialogState.Confirmed && dialog.toTag) return { call, dialog };
    if (Date.now() > deadline) throw new Error(`call ${call.callId} not answered:\n${kamailio.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the rating API does at authorize and begin, for a call Kamailio already has. */
async function reserveAndBegin(
  accountId: string,
  dialog: Dialog,
  options: { credit: string; maxSeconds?: number },
) {
  const reserved = await kit.pools.reserve({
    accountId,
    callId: dialog.callId,
    fromTag: dialog.fromTag,
    seed: prepaid(options.credit),
    rate: eurRate(), // 0.01 per second
    maxCalls: null,
    ...(options.maxSeconds === undefined ? {} : { maxSeconds: options.maxSeconds }),
  });
  expect(reserved.status).toBe('reserved');
  const begun = await kit.pools.begin({
    accountId,
    callId: dialog.callId,
    fromTag: dialog.fromTag,
    toTag: dialog.toTag!,
    dialog: { entry: dialog.hEntry, id: dialog.hId },
  });
  expect(begun.status).toBe('begun');
  return begun.status === 'begun' ? begun.answeredAt.getTime() : 0;
}

describe('metering live calls', () => {
  it('ends both calls of a pool together when its credit runs out, at the right second', async () => {
    const accountId = randomUUID();
    const [first, second] = [
      await answeredCall(accountId, /credit exhausted/),
      await answeredCall(accountId, /credit exhausted/),
    ];
    // 0.06 of credit at 0.01 per second for two calls: 3 seconds together.
    const answered = await reserveAndBegin(accountId, first.dialog, { credit: '0.06' });
    await reserveAndBegin(accountId, second.dialog, { credit: '0.06' });
    const ends = await Promise.all(
      [first, second].map(({ call }) => call.ended.then((legs) => ({ legs, at: Date.now() }))),
    );
    for (const { legs, at } of ends) {
      expect(legs.caller.exitCode, legs.caller.output).toBe(0);
      expect(legs.callee.exitCode, legs.callee.output).toBe(0);
      const seconds = (at - answered) / 1000;
      expect(seconds).toBeGreaterThanOrEqual(3);
      expect(seconds).toBeLessThan(3 + 1.5 + 0.5); // within 1.5 s of exhaustion (+ SIPp noticing the BYE)
    }
    const callIds = [first.dialog.callId, second.dialog.callId];
    await expect
      .poll(() => shutdownEvents(accountId, callIds))
      .toEqual(
        Object.fromEntries(
          callIds.map((callId) => [
            callId,
            { reason: 'credit-exhausted', accountId, callId, requestedAt: expect.any(String) },
          ]),
        ),
      );
  }, 30_000);

  it('ends a call at its own max time even when credit would last', async () => {
    const accountId = randomUUID();
    const { call, dialog } = await answeredCall(accountId, /maximum call time/);
    const answered = await reserveAndBegin(accountId, dialog, { credit: '100', maxSeconds: 2 });
    const legs = await call.ended;
    expect(legs.caller.exitCode, legs.caller.output).toBe(0);
    expect(legs.callee.exitCode, legs.callee.output).toBe(0);
    expect((Date.now() - answered) / 1000).toBeLessThan(2 + 1.5 + 0.5);
  }, 30_000);
});

describe("the operator's requests", () => {
  it('ends every answered call of an account on a terminate-all command', async () => {
    const accountId = randomUUID();
    const legs = [
      await answeredCall(accountId, /ended by the operator/),
      await answeredCall(accountId, /ended by the operator/),
    ];
    for (const { dialog } of legs) await reserveAndBegin(accountId, dialog, { credit: '100' });
    const sent = Date.now();
    await kit.redis.xadd(
      callCommandsStream(kit.prefix),
      '*',
      ...encodeCallCommand({ kind: 'end-account', accountId, requestedBy: 'user:test' }),
    );
    for (const { call } of legs) {
      const ended = await call.ended;
      expect(ended.caller.exitCode, ended.caller.output).toBe(0);
      expect(ended.callee.exitCode, ended.callee.output).toBe(0);
    }
    expect(Date.now() - sent).toBeLessThan(2000);
  }, 30_000);
});
