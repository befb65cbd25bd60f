/**
 * What the operator API asks call control to do with live calls. The API appends a command to a Redis
 * stream; call control reads it in a consumer group (so each command is done once, by one instance, and
 * survives a restart) and ends the calls through Kamailio.
 */
export type CallCommand =
  | {
      readonly kind: 'end-call';
      readonly accountId: string;
      readonly callId: string;
      readonly requestedBy: string;
    }
  | { readonly kind: 'end-account'; readonly accountId: string; readonly requestedBy: string };

export function callCommandsStream(prefix: string): string {
  return `${prefix}:call-control:commands`;
}

/** Stream entry fields: flat strings, as XADD takes them. */
export function encodeCallCommand(command: CallCommand): string[] {
  return Object.entries(command).flatMap(([field, value]) => [field, String(value)]);
}

/** Undefined for an entry that is not a command this version knows (it is acknowledged and skipped). */
export function decodeCallCommand(fields: readonly string[]): CallCommand | undefined {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const accountId = map.get('accountId');
  const requestedBy = map.get('requestedBy') ?? '';
  if (accountId === undefined) return undefined;
  if (map.get('kind') === 'end-account') return { kind: 'end-account', accountId, requestedBy };
  const callId = map.get('callId');
  if (map.get('kind') === 'end-call' && callId !== undefined)
    return { kind: 'end-call', accountId, callId, requestedBy };
  return undefined;
}
