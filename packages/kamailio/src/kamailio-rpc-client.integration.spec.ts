import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DialogState, type Dialog } from './dialog';
import { DialogNotFoundError, KamailioRpcError, KamailioUnreachableError } from './errors';
import { KamailioRpcClient } from './kamailio-rpc-client';
import { freeTcpPort, startKamailio, type KamailioProcess } from './testing/kamailio-process';
import { startSippCall, type SippCall } from './testing/sipp-call';

// A real Kamailio 5.6 (Debian package, installed on first run) with the dialog module and jsonrpcs.
let kamailio: KamailioProcess;
let client: KamailioRpcClient;

beforeAll(async () => {
  kamailio = await startKamailio();
  client = kamailio.client;
});

afterAll(async () => {
  await kamailio?.stop();
});

describe('an idle Kamailio', () => {
  it('has no active dialogs', async () => {
    expect(await client.activeDialogStats()).toEqual({
      starting: 0,
      connecting: 0,
      answering: 0,
      ongoing: 0,
      all: 0,
    });
    expect(await client.listDialogs()).toEqual([]);
  });

  it('reports not-found when ending a dialog it does not know', async () => {
    expect(await client.endDialog({ hEntry: 1, hId: 2 })).toBe('not-found');
    expect(await client.terminateDialog({ callId: 'gone@tollgate', fromTag: 'a', toTag: 'b' })).toBe(
      'not-found',
    );
  });

  it('counts 0 for a profile value nobody has', async () => {
    expect(await client.profileSize('account', 'nobody')).toBe(0);
    expect(await client.listProfile('account')).toEqual([]);
  });

  it('answers an undeclared profile with a 404 that is not DialogNotFound', async () => {
    const error = await client.profileSize('no_such_profile', 'x').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(KamailioRpcError);
    expect(error).not.toBeInstanceOf(DialogNotFoundError);
    expect(error).toMatchObject({ code: 404, rpcMessage: 'Profile not found: no_such_profile' });
  });

  it('is healthy', async () => {
    expect(await client.health()).toEqual({ up: true, latencyMs: expect.any(Number) });
  });

  it('answers a path other than /RPC with a clear error', async () => {
    const wrongPath = new KamailioRpcClient({
      url: kamailio.rpcUrl.replace('/RPC', '/nope'),
      timeoutMs: 2000,
    });

    await expect(wrongPath.listDialogs()).rejects.toThrow(
      'expected a JSON-RPC response, got HTTP 404: not found',
    );
  });
});

describe('a Kamailio that is not there', () => {
  it('gives KamailioUnreachableError and an unhealthy health()', async () => {
    const closed = new KamailioRpcClient({
      url: `http://127.0.0.1:${await freeTcpPort()}/RPC`,
      timeoutMs: 2000,
    });

    await expect(closed.activeDialogStats()).rejects.toBeInstanceOf(KamailioUnreachableError);
    await expect(closed.listDialogs()).rejects.toThrow(/unreachable .*ECONNREFUSED/);
    expect(await closed.health()).toMatchObject({
      up: false,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('a live call through Kamailio (SIPp caller and callee)', () => {
  let call: SippCall | undefined;

  afterAll(async () => {
    await call?.stop();
  });

  async function confirmedDialog(callId: string): Promise<Dialog> {
    return vi.waitFor(
      async () => {
        const dialog = (await client.listDialogs()).find((candidate) => candidate.callId === callId);
        if (dialog?.state !== DialogState.Confirmed) throw new Error(`dialog ${callId} not confirmed yet`);
        return dialog;
      },
      { timeout: 5000, interval: 50 },
    );
  }

  async function expectGone(dialog: Dialog): Promise<void> {
    await vi.waitFor(async () => expect(await client.listDialogs()).toEqual([]), {
      timeout: 5000,
      interval: 50,
    });
    expect(await client.endDialog(dialog)).toBe('not-found');
  }

  it('lists the dialog with its profile and variables, and endDialog BYEs both legs with the Reason', async () => {
    call = await startSippCall({
      proxyPort: kamailio.sipPort,
      dir: kamailio.dir,
      account: 'acc-42',
      expectReason: /^ *Q\.850;cause=16;text="Normal call clearing"/,
    });
    const dialog = await confirmedDialog(call.callId);

    expect(dialog).toMatchObject({
      callId: call.callId,
      fromTag: expect.stringMatching(/caller1$/),
      toTag: expect.stringMatching(/callee1$/),
      lifetimeSeconds: 3600,
      profiles: [{ name: 'account', value: 'acc-42' }],
      variables: { billing: 'yes' },
    });
    expect(Math.abs(dialog.startedAt!.getTime() - Date.now())).toBeLessThan(5000);
    expect(dialog.timeoutAt!.getTime() - dialog.startedAt!.getTime()).toBeGreaterThanOrEqual(3599_000);
    expect(await client.profileSize('account', 'acc-42')).toBe(1);
    expect((await client.listProfile('account', 'acc-42')).map((listed) => listed.hId)).toEqual([dialog.hId]);
    expect(await client.activeDialogStats()).toMatchObject({ ongoing: 1, all: 1 });

    expect(await client.endDialog(dialog, { reason: { cause: 16, text: 'Normal call clearing' } })).toBe(
      'ended',
    );

    const { caller, callee } = await call.ended;
    expect({ caller: caller.exitCode, callee: callee.exitCode }, caller.output + callee.output).toEqual({
      caller: 0,
      callee: 0,
    });
    await expectGone(dialog);
  });

  it('terminateDialog finds the dialog by Call-ID and tags and BYEs both legs', async () => {
    call = await startSippCall({ proxyPort: kamailio.sipPort, dir: kamailio.dir, account: 'acc-43' });
    const dialog = await confirmedDialog(call.callId);

    expect(await client.terminateDialog({ ...dialog, toTag: dialog.toTag ?? '' })).toBe('ended');

    const { caller, callee } = await call.ended;
    expect({ caller: caller.exitCode, callee: callee.exitCode }, caller.output + callee.output).toEqual({
      caller: 0,
      callee: 0,
    });
    await expectGone(dialog);
  });
});
