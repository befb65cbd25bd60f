import { describe, expect, it } from 'vitest';
import {
  DialogNotFoundError,
  KamailioRpcError,
  KamailioUnreachableError,
  MALFORMED_RESPONSE,
} from './errors';
import { KamailioRpcClient } from './kamailio-rpc-client';
import { fakeKamailioFetch, type FakeRpcReply, type RecordedRpcCall } from './testing/fake-kamailio-fetch';

const URL = 'http://127.0.0.1:5071/RPC';

function setup(reply: (call: RecordedRpcCall) => FakeRpcReply, timeoutMs = 1000) {
  const fake = fakeKamailioFetch(reply);
  return { client: new KamailioRpcClient({ url: URL, timeoutMs, fetch: fake.fetch }), calls: fake.calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

// undici's shape for a refused connection: a TypeError whose cause holds the errno.
function connectionRefused(): Error {
  return new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5071') });
}

describe('requests', () => {
  it('POSTs JSON-RPC 2.0 with integer dialog ids and increasing request ids', async () => {
    const { client, calls } = setup(() => ({ result: {} }));

    await client.endDialog({ hEntry: 3911, hId: 1631 });
    await client.terminateDialog({ callId: 'abc@host', fromTag: 'f1', toTag: 't1' });

    expect(calls).toEqual([
      { url: URL, method: 'dlg.end_dlg', params: [3911, 1631], id: 1, contentType: 'application/json' },
      {
        url: URL,
        method: 'dlg.terminate_dlg',
        params: ['abc@host', 'f1', 't1'],
        id: 2,
        contentType: 'application/json',
      },
    ]);
  });

  it('adds a CRLF-terminated Q.850 Reason header, quoting the text safely', async () => {
    const { client, calls } = setup(() => ({ result: {} }));

    await client.endDialog(
      { hEntry: 1, hId: 2 },
      { reason: { cause: 16, text: 'Credit "exhausted"\r\nX-Evil: 1' } },
    );

    expect(calls[0]?.params[2]).toBe('Reason: Q.850;cause=16;text="Credit \\"exhausted\\"  X-Evil: 1"\r\n');
  });

  it.each([
    [{ hEntry: -1, hId: 2 }, /hEntry must be a non-negative integer/],
    [{ hEntry: 1, hId: 2.5 }, /hId must be a non-negative integer/],
    [{ hEntry: Number.NaN, hId: 2 }, /hEntry/],
  ])('refuses dialog id %o without calling Kamailio', async (id, message) => {
    const { client, calls } = setup(() => ({ result: {} }));

    await expect(client.endDialog(id)).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });

  it('refuses a Q.850 cause outside 1..127', async () => {
    const { client } = setup(() => ({ result: {} }));

    await expect(
      client.endDialog({ hEntry: 1, hId: 2 }, { reason: { cause: 0, text: 'x' } }),
    ).rejects.toThrow(RangeError);
  });

  it('exposes raw calls for methods without a typed wrapper', async () => {
    const { client, calls } = setup(() => ({ result: 'kamailio 5.6.3 (x86_64/linux) ' }));

    expect(await client.call('core.version')).toBe('kamailio 5.6.3 (x86_64/linux) ');
    expect(calls[0]).toMatchObject({ method: 'core.version', params: [] });
  });
});

describe('ending dialogs', () => {
  it('reports ended on {"result":{}}', async () => {
    const { client } = setup(() => ({ result: {} }));

    expect(await client.endDialog({ hEntry: 1, hId: 2 })).toBe('ended');
  });

  it('reports not-found when dlg.end_dlg answers 404 Dialog not found', async () => {
    const { client } = setup(() => ({ error: { code: 404, message: 'Dialog not found' } }));

    expect(await client.endDialog({ hEntry: 1, hId: 2 })).toBe('not-found');
  });

  it('reports not-found when dlg.terminate_dlg answers 500 Couldnt find callid in dialog', async () => {
    const { client } = setup(() => ({ error: { code: 500, message: 'Couldnt find callid in dialog' } }));

    expect(await client.terminateDialog({ callId: 'x', fromTag: 'a', toTag: 'b' })).toBe('not-found');
  });

  it('throws other errors as KamailioRpcError with method, code and message', async () => {
    const { client } = setup(() => ({ error: { code: 500, message: 'Invalid parameters' } }));

    const error = await rejection(client.endDialog({ hEntry: 1, hId: 2 }));

    expect(error).toBeInstanceOf(KamailioRpcError);
    expect(error).not.toBeInstanceOf(DialogNotFoundError);
    expect(error).toMatchObject({
      name: 'KamailioRpcError',
      method: 'dlg.end_dlg',
      code: 500,
      rpcMessage: 'Invalid parameters',
      message: 'dlg.end_dlg failed: Invalid parameters (500)',
    });
  });
});

describe('error mapping', () => {
  it('keeps a 404 that is not about a dialog a plain KamailioRpcError', async () => {
    const { client } = setup(() => ({ error: { code: 404, message: 'Profile not found: nosuch' } }));

    const error = await rejection(client.profileSize('nosuch', 'x'));

    expect(error).not.toBeInstanceOf(DialogNotFoundError);
    expect(error).toMatchObject({ code: 404, rpcMessage: 'Profile not found: nosuch' });
  });

  it('raises DialogNotFoundError from raw calls too', async () => {
    const { client } = setup(() => ({ error: { code: 404, message: 'Dialog not found' } }));

    const error = await rejection(client.call('dlg.dlg_list', ['x', 'y']));

    expect(error).toBeInstanceOf(DialogNotFoundError);
    expect(error).toMatchObject({ name: 'DialogNotFoundError', method: 'dlg.dlg_list', code: 404 });
  });

  it.each<[string, FakeRpcReply, string]>([
    ['a plain-text 404 (wrong path)', { status: 404, body: 'not found' }, 'got HTTP 404: not found'],
    [
      'a 200 that is not JSON',
      { status: 200, body: '<html>' },
      'got a body that is not a JSON-RPC response: <html>',
    ],
    ['an empty 200', { status: 200, body: '' }, 'not a JSON-RPC response: (empty)'],
    ['a JSON array', { status: 200, body: '[1]' }, 'expected a JSON-RPC response'],
    [
      'neither result nor error',
      { status: 200, body: '{"jsonrpc":"2.0","id":1}' },
      'neither result nor error',
    ],
    [
      'an unreadable error',
      { status: 500, body: '{"error":"boom","id":1}' },
      'unreadable error object: "boom"',
    ],
    [
      'another request id',
      { status: 200, body: '{"result":{},"id":99}' },
      'response id 99 does not match request id 1',
    ],
  ])('turns %s into a malformed-response KamailioRpcError', async (_case, reply, message) => {
    const { client } = setup(() => reply);

    const error = await rejection(client.activeDialogStats());

    expect(error).toBeInstanceOf(KamailioRpcError);
    expect(error).toMatchObject({ code: MALFORMED_RESPONSE, method: 'dlg.stats_active' });
    expect((error as Error).message).toContain(message);
  });

  it('accepts a response without id (Kamailio omits it when the request had none)', async () => {
    const { client } = setup(() => ({ status: 200, body: '{"jsonrpc":"2.0","result":3}' }));

    expect(await client.profileSize('account', 'a')).toBe(3);
  });

  it('turns a refused connection into KamailioUnreachableError naming the cause', async () => {
    const { client } = setup(() => ({ networkError: connectionRefused() }));

    const error = await rejection(client.listDialogs());

    expect(error).toBeInstanceOf(KamailioUnreachableError);
    expect(error).toMatchObject({
      name: 'KamailioUnreachableError',
      method: 'dlg.list',
      url: URL,
      timedOut: false,
    });
    expect((error as Error).message).toBe(
      `dlg.list: Kamailio at ${URL} is unreachable (fetch failed: connect ECONNREFUSED 127.0.0.1:5071)`,
    );
  });

  it('turns silence beyond timeoutMs into KamailioUnreachableError with timedOut', async () => {
    const { client } = setup(() => 'hang', 50);

    const error = await rejection(client.endDialog({ hEntry: 1, hId: 2 }));

    expect(error).toBeInstanceOf(KamailioUnreachableError);
    expect(error).toMatchObject({ timedOut: true, method: 'dlg.end_dlg' });
    expect((error as Error).message).toContain('did not answer in time');
  });
});

describe('health', () => {
  it('is up when dlg.stats_active answers', async () => {
    const { client, calls } = setup(() => ({
      result: { starting: 0, connecting: 0, answering: 0, ongoing: 0, all: 0 },
    }));

    const health = await client.health();

    expect(health).toEqual({ up: true, latencyMs: expect.any(Number) });
    expect(calls[0]?.method).toBe('dlg.stats_active');
  });

  it('is down, without throwing, when Kamailio is unreachable or answers an error', async () => {
    const unreachable = setup(() => ({ networkError: connectionRefused() })).client;
    const failing = setup(() => ({ error: { code: 500, message: 'Method Not Found' } })).client;

    expect(await unreachable.health()).toEqual({
      up: false,
      latencyMs: expect.any(Number),
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await failing.health()).toMatchObject({
      up: false,
      error: expect.stringContaining('Method Not Found'),
    });
  });
});
