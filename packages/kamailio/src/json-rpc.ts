import { DialogNotFoundError, KamailioRpcError, MALFORMED_RESPONSE } from './errors';

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  method: string;
  params: unknown[];
  id: number;
}

// dlg.end_dlg says 404 "Dialog not found"; dlg.terminate_dlg says 500 "Couldnt find callid in dialog".
// 404 alone is not enough: dlg.profile_* answer 404 "Profile not found: x" for an undeclared profile.
const DIALOG_NOT_FOUND = [/^dialog not found$/i, /^couldn'?t find callid in dialog$/i];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns Kamailio's HTTP answer into the JSON-RPC `result`, or throws. jsonrpcs mirrors the error code
 * into the HTTP status (404 Dialog not found), so the status alone says little: the body decides.
 */
export function decodeResponse(request: JsonRpcRequest, status: number, body: string): unknown {
  const { method } = request;
  const envelope = parseJson(body);
  if (!isObject(envelope)) {
    const what = status >= 200 && status < 300 ? 'a body that is not a JSON-RPC response' : `HTTP ${status}`;
    throw malformed(method, `expected a JSON-RPC response, got ${what}: ${snippet(body)}`);
  }
  if (envelope.id !== undefined && envelope.id !== null && envelope.id !== request.id) {
    throw malformed(
      method,
      `response id ${JSON.stringify(envelope.id)} does not match request id ${request.id}`,
    );
  }
  if (envelope.error !== undefined) throw decodeError(method, envelope.error);
  if (!('result' in envelope))
    throw malformed(method, `response has neither result nor error: ${snippet(body)}`);
  return envelope.result;
}

function decodeError(method: string, error: unknown): KamailioRpcError {
  if (!isObject(error) || typeof error.code !== 'number' || typeof error.message !== 'string') {
    return malformed(method, `unreadable error object: ${snippet(JSON.stringify(error))}`);
  }
  const message = error.message.trim();
  if (DIALOG_NOT_FOUND.some((pattern) => pattern.test(message))) {
    return new DialogNotFoundError(method, error.code, message);
  }
  return new KamailioRpcError(method, error.code, message);
}

export function malformed(method: string, message: string): KamailioRpcError {
  return new KamailioRpcError(method, MALFORMED_RESPONSE, message);
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function snippet(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '(empty)';
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}
