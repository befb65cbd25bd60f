/** JSON-RPC code we use when Kamailio's answer is not a usable JSON-RPC response (the spec's parse error). */
export const MALFORMED_RESPONSE = -32700;

/** Kamailio answered with a JSON-RPC error, or with a payload we could not make sense of. */
export class KamailioRpcError extends Error {
  override readonly name: string = 'KamailioRpcError';

  constructor(
    readonly method: string,
    readonly code: number,
    /** The error text as Kamailio sent it (or our description of the garbage). */
    readonly rpcMessage: string,
  ) {
    super(`${method} failed: ${rpcMessage} (${code})`);
  }
}

/** A dlg.* call named a dialog Kamailio does not know (any more): 404 "Dialog not found". */
export class DialogNotFoundError extends KamailioRpcError {
  override readonly name: string = 'DialogNotFoundError';
}

/** Kamailio could not be reached: connection refused or reset, bad host, or no answer within the timeout. */
export class KamailioUnreachableError extends Error {
  override readonly name: string = 'KamailioUnreachableError';
  readonly timedOut: boolean;

  constructor(
    readonly method: string,
    readonly url: string,
    options: { cause: unknown; timedOut: boolean },
  ) {
    const what = options.timedOut ? 'did not answer in time' : 'is unreachable';
    super(`${method}: Kamailio at ${url} ${what} (${describeCause(options.cause)})`, {
      cause: options.cause,
    });
    this.timedOut = options.timedOut;
  }
}

// undici hides the useful part (ECONNREFUSED ...) in error.cause; "fetch failed" alone says nothing.
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return `${cause.message}${inner}`;
}
