export interface RecordedRpcCall {
  url: string;
  method: string;
  params: unknown[];
  id: unknown;
  contentType: string | null;
}

/**
 * What the fake answers: a JSON-RPC result or error (sent the way jsonrpcs does: tab-indented, id
 * echoed, error code mirrored into the HTTP status), a raw HTTP answer, a network error, or silence.
 */
export type FakeRpcReply =
  | { result: unknown }
  | { error: { code: number; message: string } }
  | { status: number; body: string }
  | { networkError: Error }
  | 'hang';

export interface FakeKamailioFetch {
  fetch: typeof fetch;
  calls: RecordedRpcCall[];
}

/** A fetch for unit tests of code that talks to Kamailio's JSON-RPC, without a Kamailio. */
export function fakeKamailioFetch(reply: (call: RecordedRpcCall) => FakeRpcReply): FakeKamailioFetch {
  const calls: RecordedRpcCall[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call = record(String(input), init);
    calls.push(call);
    const answer = reply(call);
    if (answer === 'hang') return hang(init?.signal);
    if ('networkError' in answer) throw answer.networkError;
    if ('status' in answer) return new Response(answer.body, { status: answer.status });
    const status = 'error' in answer ? answer.error.code : 200;
    const body = JSON.stringify({ jsonrpc: '2.0', ...answer, id: call.id }, null, '\t');
    return new Response(body, { status: status >= 200 && status <= 599 ? status : 500 });
  };
  return { fetch: fake as typeof fetch, calls };
}

function record(url: string, init: RequestInit | undefined): RecordedRpcCall {
  const request = JSON.parse(String(init?.body)) as { method: string; params?: unknown[]; id: unknown };
  const contentType = new Headers(init?.headers).get('content-type');
  return { url, method: request.method, params: request.params ?? [], id: request.id, contentType };
}

function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
