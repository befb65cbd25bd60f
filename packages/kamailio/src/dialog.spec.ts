import { describe, expect, it } from 'vitest';
import { DialogState } from './dialog';
import { KamailioRpcError, MALFORMED_RESPONSE } from './errors';
import { KamailioRpcClient } from './kamailio-rpc-client';
import { fakeKamailioFetch, type FakeRpcReply } from './testing/fake-kamailio-fetch';

// Captured from kamailio 5.6.3 (Debian 12) with a SIPp call through the test cfg.
const CONFIRMED = {
  h_entry: 3911,
  h_id: 1631,
  ref: 2,
  'call-id': '1-6294@127.0.0.1',
  from_uri: 'sip:caller@127.0.0.1:39833',
  to_uri: 'sip:callee@127.0.0.1:57964',
  state: 4,
  start_ts: 1795452436,
  init_ts: 1795452435,
  end_ts: 0,
  duration: 0,
  timeout: 1795456036,
  lifetime: 3600,
  dflags: 1667,
  sflags: 0,
  iflags: 1,
  caller: {
    tag: '6294caller1',
    contact: 'sip:caller@127.0.0.1:39833',
    cseq: '1',
    route_set: '',
    socket: 'udp:127.0.0.1:57964',
  },
  callee: {
    tag: '6293callee1',
    contact: 'sip:callee@127.0.0.1:35129',
    cseq: '0',
    route_set: '',
    socket: 'udp:127.0.0.1:57964',
  },
  profiles: [{ account: 'acc-42' }],
  variables: [{ billing: 'yes' }],
};

// Same Kamailio, INVITE relayed but not answered yet: the callee leg is all nulls, timestamps 0.
const UNANSWERED = {
  ...CONFIRMED,
  state: 1,
  start_ts: 0,
  timeout: 0,
  callee: { tag: null, contact: null, cseq: null, route_set: null, socket: null },
};

function clientReplying(reply: FakeRpcReply): KamailioRpcClient {
  return new KamailioRpcClient({
    url: 'http://kamailio/RPC',
    timeoutMs: 1000,
    fetch: fakeKamailioFetch(() => reply).fetch,
  });
}

async function parseError(promise: Promise<unknown>): Promise<KamailioRpcError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KamailioRpcError);
  return error as KamailioRpcError;
}

describe('listDialogs', () => {
  it('normalises a confirmed dialog to camelCase with dates', async () => {
    const dialogs = await clientReplying({ result: [CONFIRMED] }).listDialogs();

    expect(dialogs).toEqual([
      {
        hEntry: 3911,
        hId: 1631,
        callId: '1-6294@127.0.0.1',
        fromTag: '6294caller1',
        toTag: '6293callee1',
        fromUri: 'sip:caller@127.0.0.1:39833',
        toUri: 'sip:callee@127.0.0.1:57964',
        state: DialogState.Confirmed,
        createdAt: new Date(1795452435_000),
        startedAt: new Date(1795452436_000),
        timeoutAt: new Date(1795456036_000),
        lifetimeSeconds: 3600,
        profiles: [{ name: 'account', value: 'acc-42' }],
        variables: { billing: 'yes' },
      },
    ]);
  });

  it('gives an unanswered dialog a null toTag, startedAt and timeoutAt', async () => {
    const [dialog] = await clientReplying({ result: [UNANSWERED] }).listDialogs();

    expect(dialog).toMatchObject({
      state: DialogState.Unconfirmed,
      toTag: null,
      startedAt: null,
      timeoutAt: null,
    });
  });

  it('returns [] when there are no dialogs', async () => {
    expect(await clientReplying({ result: [] }).listDialogs()).toEqual([]);
  });

  it('accepts a lone dialog object instead of a one-item list', async () => {
    const dialogs = await clientReplying({ result: CONFIRMED }).listDialogs();

    expect(dialogs.map((dialog) => dialog.hId)).toEqual([1631]);
  });

  it('flattens several profiles and variables, turning numbers into strings', async () => {
    const dialog = {
      ...CONFIRMED,
      profiles: [{ account: 'acc-42' }, { caller: '' }, { account: 7 }],
      variables: [{ billing: 'yes' }, { rate_id: 12 }],
    };

    const [parsed] = await clientReplying({ result: [dialog] }).listDialogs();

    expect(parsed?.profiles).toEqual([
      { name: 'account', value: 'acc-42' },
      { name: 'caller', value: '' },
      { name: 'account', value: '7' },
    ]);
    expect(parsed?.variables).toEqual({ billing: 'yes', rate_id: '12' });
  });

  it('treats missing profiles and variables as empty', async () => {
    const { profiles: _p, variables: _v, ...bare } = CONFIRMED;

    const [parsed] = await clientReplying({ result: [bare] }).listDialogs();

    expect(parsed).toMatchObject({ profiles: [], variables: {} });
  });

  it.each([
    ['a string result', 'oops', 'dlg.list failed: expected a list of dialogs, got string'],
    ['a null item', [null], 'dialog[0] is not an object: null'],
    [
      'a missing h_entry',
      [{ ...CONFIRMED, h_entry: undefined }],
      'dialog[0].h_entry should be a non-negative integer',
    ],
    [
      'a string h_id',
      [{ ...CONFIRMED, h_id: '1631' }],
      'dialog[0].h_id should be a non-negative integer, got "1631"',
    ],
    ['an unknown state', [{ ...CONFIRMED, state: 9 }], 'dialog[0].state should be a state 1..5, got 9'],
    ['a caller without tag', [{ ...CONFIRMED, caller: {} }], 'dialog[0].caller.tag should be a string'],
    ['no callee', [{ ...CONFIRMED, callee: undefined }], 'dialog[0].callee is not an object'],
    [
      'a nested variable',
      [{ ...CONFIRMED, variables: [{ x: {} }] }],
      'dialog[0].variables[0].x should be a string',
    ],
    ['a negative start_ts', [{ ...CONFIRMED, start_ts: -1 }], 'dialog[0].start_ts should be a non-negative'],
  ])('rejects %s with a KamailioRpcError naming the field', async (_case, result, message) => {
    const error = await parseError(clientReplying({ result }).listDialogs());

    expect(error.code).toBe(MALFORMED_RESPONSE);
    expect(error.method).toBe('dlg.list');
    expect(error.message).toContain(message);
  });
});

describe('listProfile', () => {
  it('sends the profile name and value, and parses the dialogs Kamailio answers with', async () => {
    const fake = fakeKamailioFetch(() => ({ result: [CONFIRMED] }));
    const client = new KamailioRpcClient({ url: 'http://kamailio/RPC', timeoutMs: 1000, fetch: fake.fetch });

    const dialogs = await client.listProfile('account', 'acc-42');
    await client.listProfile('account');

    expect(dialogs.map((dialog) => dialog.callId)).toEqual(['1-6294@127.0.0.1']);
    expect(fake.calls.map((call) => [call.method, call.params])).toEqual([
      ['dlg.profile_list', ['account', 'acc-42']],
      ['dlg.profile_list', ['account']],
    ]);
  });
});

describe('profileSize', () => {
  it('returns the number', async () => {
    expect(await clientReplying({ result: 3 }).profileSize('account', 'acc-42')).toBe(3);
  });

  it.each([['"3"'], ['-1'], ['1.5'], ['null']])('rejects %s', async (raw) => {
    const error = await parseError(
      clientReplying({ result: JSON.parse(raw) as unknown }).profileSize('account', 'x'),
    );

    expect(error.message).toBe(
      `dlg.profile_get_size failed: expected a non-negative integer, got ${raw} (-32700)`,
    );
  });
});

describe('activeDialogStats', () => {
  it('returns the five counters', async () => {
    const stats = { starting: 1, connecting: 2, answering: 3, ongoing: 4, all: 10 };

    expect(await clientReplying({ result: stats }).activeDialogStats()).toEqual(stats);
  });

  it('rejects a counter that is not a count', async () => {
    const stats = { starting: 0, connecting: 0, answering: 0, ongoing: -2, all: 0 };

    const error = await parseError(clientReplying({ result: stats }).activeDialogStats());

    expect(error.message).toContain('stats.ongoing should be a non-negative integer, got -2');
  });
});
