import {
  parseActiveDialogStats,
  parseCount,
  parseDialogs,
  type ActiveDialogStats,
  type Dialog,
  type DialogId,
  type DialogSipId,
} from './dialog';
import { DialogNotFoundError, KamailioUnreachableError } from './errors';
import { decodeResponse, type JsonRpcRequest } from './json-rpc';

export interface KamailioRpcClientOptions {
  /** The jsonrpcs endpoint, e.g. http://127.0.0.1:5071/RPC */
  url: string;
  /** Per call, covering connect, request and reading the answer. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** A Q.850 cause for the Reason header of the BYEs Kamailio sends. */
export interface HangupReason {
  cause: number;
  text: string;
}

/** 'not-found': Kamailio no longer knows the dialog; for call-control that usually means already gone. */
export type EndDialogOutcome = 'ended' | 'not-found';

export interface KamailioHealth {
  up: boolean;
  latencyMs: number;
  error?: string;
}

export class KamailioRpcClient {
  private readonly fetch: typeof fetch;
  private nextId = 1;

  constructor(private readonly options: KamailioRpcClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /**
   * Sends BYE to both legs (dlg.end_dlg). 'ended' means Kamailio accepted the request, not that both
   * BYEs left: 5.6 skips the callee's BYE when the caller's 200 OK is processed first (kamailio#4169).
   */
  async endDialog(id: DialogId, options: { reason?: HangupReason } = {}): Promise<EndDialogOutcome> {
    const params: unknown[] = [dialogIdPart('hEntry', id.hEntry), dialogIdPart('hId', id.hId)];
    if (options.reason) params.push(reasonHeader(options.reason));
    return endOutcome(this.call('dlg.end_dlg', params));
  }

  /** Sends BYE to both legs, finding the dialog by its SIP identity (dlg.terminate_dlg). */
  async terminateDialog(id: DialogSipId): Promise<EndDialogOutcome> {
    return endOutcome(this.call('dlg.terminate_dlg', [id.callId, id.fromTag, id.toTag]));
  }

  async listDialogs(): Promise<Dialog[]> {
    return parseDialogs('dlg.list', await this.call('dlg.list'));
  }

  /** Dialogs in a profile (optionally with that value). Kamailio answers with full dialogs, like dlg.list. */
  async listProfile(name: string, value?: string): Promise<Dialog[]> {
    const params = value === undefined ? [name] : [name, value];
    return parseDialogs('dlg.profile_list', await this.call('dlg.profile_list', params));
  }

  /** Number of dialogs in a profile (with that value, or in total). */
  async profileSize(name: string, value?: string): Promise<number> {
    const params = value === undefined ? [name] : [name, value];
    return parseCount('dlg.profile_get_size', await this.call('dlg.profile_get_size', params));
  }

  async activeDialogStats(): Promise<ActiveDialogStats> {
    return parseActiveDialogStats('dlg.stats_active', await this.call('dlg.stats_active'));
  }

  /** Never throws. Probes dlg.stats_active, so "up" also means the dialog module answers. */
  async health(): Promise<KamailioHealth> {
    const started = performance.now();
    const latency = (): number => Math.round(performance.now() - started);
    try {
      await this.activeDialogStats();
      return { up: true, latencyMs: latency() };
    } catch (error) {
      return {
        up: false,
        latencyMs: latency(),
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** Raw JSON-RPC call; resolves with `result`, throws KamailioRpcError / KamailioUnreachableError. */
  async call(method: string, params: unknown[] = []): Promise<unknown> {
    const request: JsonRpcRequest = { jsonrpc: '2.0', method, params, id: this.nextId++ };
    const { status, body } = await this.post(request);
    return decodeResponse(request, status, body);
  }

  private async post(request: JsonRpcRequest): Promise<{ status: number; body: string }> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal,
      });
      return { status: response.status, body: await response.text() };
    } catch (cause) {
      throw new KamailioUnreachableError(request.method, this.options.url, {
        cause,
        timedOut: signal.aborted,
      });
    }
  }
}

async function endOutcome(call: Promise<unknown>): Promise<EndDialogOutcome> {
  try {
    await call;
    return 'ended';
  } catch (error) {
    if (error instanceof DialogNotFoundError) return 'not-found';
    throw error;
  }
}

// Kamailio parses these as unsigned ints; a string or float would silently never match a dialog.
function dialogIdPart(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function reasonHeader({ cause, text }: HangupReason): string {
  if (!Number.isInteger(cause) || cause < 1 || cause > 127) {
    throw new RangeError(`Q.850 cause must be an integer 1..127, got ${cause}`);
  }
  // The text lands inside a quoted-string of a raw header: no CR/LF (header injection), escape " and \.
  const quoted = text.replace(/[\p{Cc}]/gu, ' ').replace(/["\\]/g, '\\$&');
  return `Reason: Q.850;cause=${cause};text="${quoted}"\r\n`;
}
