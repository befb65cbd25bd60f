import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eurRate, openTestPools, prepaid, type TestPools } from '@tollgate/credit-pools/testing';
import { DialogState, type Dialog } from '@tollgate/kamailio';
import {
  startKamailio,
  startSippCall,
  type KamailioProcess,
  type SippCall,
} from '@tollgate/kamailio/testing';
import type { HealthReport } from '@tollgate/observability';
import { freePort, startServiceProcess, type ServiceProcess } from '@tollgate/observability/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The built entry point, as npm start runs it, killed with SIGKILL while calls are up and restarted.
const entryPoint = join(__dirname, '..', 'dist', 'main.js');

let kamailio: KamailioProcess;
let kit: TestPools;
let dir: string;
const processes: ServiceProcess[] = [];
const calls: SippCall[] = [];

beforeAll(async () => {
  [kamailio, kit] = await Promise.all([startKamailio(), openTestPools()]);
  dir = await mkdtemp(join(tmpdir(), 'tollgate-recovery-'));
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((service) => service.stop()));
  await Promise.all(calls.map((call) => call.stop()));
  await kamailio?.stop();
  await kit?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startCallControl(): Promise<ServiceProcess> {
  const port = await freePort();
  const service = await startServiceProcess(
    entryPoint,
    {
      REDIS_URL: process.env.REDIS_URL,
      KAMAILIO_RPC_URL: kamailio.rpcUrl,
      CREDIT_POOL_KEY_PREFIX: kit.prefix,
      CALL_CONTROL_INSTANCE_ID: 'recovery-test',
      CALL_CONTROL_PROBE_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    `http://127.0.0.1:${port}/health`,
  );
  processes.push(service);
  const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as HealthReport;
  expect(health).toMatchObject({ status: 'ok', checks: { kamailio: { status: 'up' } } });
  return service;
}

async function answeredCall(accountId: string): Promise<{ call: SippCall; dialog: Dialog }> {
  const call = await startSippCall({
    proxyPort: kamailio.sipPort,
    dir,
    account: accountId,
    expectReason: /credit exhausted/,
    timeoutSeconds: 30,
  });
  calls.push(call);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const dialog = (await kamailio.client.listDialogs()).find((d) => d.callId === call.callId);
    if (dialog?.state === DialogState.Confirmed && dialog.toTag) return { call, dialog };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`call ${call.callId} not answered:\n${kamailio.output()}`);
}

it('keeps metering after a kill -9 and restart: the calls still end when their credit runs out', async () => {
  const first = await startCallControl();
  const accountId = randomUUID();
  const legs = [await answeredCall(accountId), await answeredCall(accountId)];
  let answeredAt = 0;
  for (const { dialog } of legs) {
    // 0.12 at 0.01 per second for two calls: 6 seconds together.
    const request = { accountId, callId: dialog.callId, fromTag: dialog.fromTag };
    await kit.pools.reserve({ ...request, seed: prepaid('0.12'), rate: eurRate(), maxCalls: null });
    const begun = await kit.pools.begin({
      ...request,
      toTag: dialog.toTag!,
      dialog: { entry: dialog.hEntry, id: dialog.hId },
    });
    if (begun.status === 'begun') answeredAt = begun.answeredAt.getTime();
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  await startCallControl();

  for (const { call } of legs) {
    const ended = await call.ended;
    expect(ended.caller.exitCode, ended.caller.output).toBe(0);
    expect(ended.callee.exitCode, ended.callee.output).toBe(0);
  }
  const seconds = (Date.now() - answeredAt) / 1000;
  expect(seconds).toBeGreaterThanOrEqual(6);
  expect(seconds).toBeLessThan(6 + 2);
}, 60_000);
