import { isObject, malformed } from './json-rpc';

/** Kamailio's numeric dialog states (dlg_hash.h). */
export const DialogState = {
  Unconfirmed: 1,
  Early: 2,
  /** 200 OK passed, ACK not seen yet. */
  ConfirmedNotAcked: 3,
  Confirmed: 4,
  Deleted: 5,
} as const;
export type DialogState = (typeof DialogState)[keyof typeof DialogState];

/** Kamailio's internal dialog id: what dlg.end_dlg wants. */
export interface DialogId {
  hEntry: number;
  hId: number;
}

/** The SIP identity of a dialog: what dlg.terminate_dlg wants. */
export interface DialogSipId {
  callId: string;
  fromTag: string;
  toTag: string;
}

export interface DialogProfileEntry {
  name: string;
  /** '' for profiles declared without value. */
  value: string;
}

export interface Dialog extends DialogId {
  callId: string;
  fromTag: string;
  /** null until the callee answered (Kamailio prints the whole callee leg as nulls before that). */
  toTag: string | null;
  fromUri: string;
  toUri: string;
  state: DialogState;
  /** When the INVITE created the dialog. */
  createdAt: Date | null;
  /** When the dialog was confirmed (200 OK); null before that. Second precision. */
  startedAt: Date | null;
  /** When Kamailio will time the dialog out (and BYE both legs if send_bye is on); null if no timer. */
  timeoutAt: Date | null;
  /** Configured dialog lifetime in seconds. */
  lifetimeSeconds: number;
  profiles: DialogProfileEntry[];
  /** $dlg_var values set by the routing script. */
  variables: Record<string, string>;
}

export interface ActiveDialogStats {
  starting: number;
  connecting: number;
  answering: number;
  ongoing: number;
  all: number;
}

const STATES = new Set<number>(Object.values(DialogState));

/** Parses the result of dlg.list / dlg.profile_list. */
export function parseDialogs(method: string, result: unknown): Dialog[] {
  // jsonrpcs returns an array; tolerate a lone object, which some builds send for a single item.
  const items = Array.isArray(result) ? result : isObject(result) ? [result] : undefined;
  if (items === undefined) throw malformed(method, `expected a list of dialogs, got ${typeof result}`);
  return items.map((item, index) => parseDialog(new FieldReader(method, `dialog[${index}]`, item)));
}

function parseDialog(dialog: FieldReader): Dialog {
  const caller = dialog.object('caller');
  const callee = dialog.object('callee');
  return {
    hEntry: dialog.count('h_entry'),
    hId: dialog.count('h_id'),
    callId: dialog.string('call-id'),
    fromTag: caller.string('tag'),
    toTag: callee.nullableString('tag'),
    fromUri: dialog.string('from_uri'),
    toUri: dialog.string('to_uri'),
    state: dialog.state('state'),
    createdAt: dialog.epoch('init_ts'),
    startedAt: dialog.epoch('start_ts'),
    timeoutAt: dialog.epoch('timeout'),
    lifetimeSeconds: dialog.count('lifetime'),
    profiles: dialog.pairs('profiles').map(([name, value]) => ({ name, value })),
    variables: Object.fromEntries(dialog.pairs('variables')),
  };
}

export function parseActiveDialogStats(method: string, result: unknown): ActiveDialogStats {
  const stats = new FieldReader(method, 'stats', result);
  return {
    starting: stats.count('starting'),
    connecting: stats.count('connecting'),
    answering: stats.count('answering'),
    ongoing: stats.count('ongoing'),
    all: stats.count('all'),
  };
}

export function parseCount(method: string, result: unknown): number {
  if (!isCount(result))
    throw malformed(method, `expected a non-negative integer, got ${JSON.stringify(result)}`);
  return result;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Reads typed fields out of one JSON object, naming the exact path when a field is wrong. */
class FieldReader {
  private readonly fields: Record<string, unknown>;

  constructor(
    private readonly method: string,
    private readonly path: string,
    value: unknown,
  ) {
    if (!isObject(value)) throw malformed(method, `${path} is not an object: ${JSON.stringify(value)}`);
    this.fields = value;
  }

  string(key: string): string {
    return this.check(key, (value): value is string => typeof value === 'string', 'a string');
  }

  nullableString(key: string): string | null {
    return this.fields[key] === null ? null : this.string(key);
  }

  count(key: string): number {
    return this.check(key, isCount, 'a non-negative integer');
  }

  state(key: string): DialogState {
    return this.check(key, (value): value is DialogState => STATES.has(value as number), 'a state 1..5');
  }

  /** Unix seconds, where Kamailio writes 0 for "not set". */
  epoch(key: string): Date | null {
    const seconds = this.count(key);
    return seconds === 0 ? null : new Date(seconds * 1000);
  }

  object(key: string): FieldReader {
    return new FieldReader(this.method, `${this.path}.${key}`, this.fields[key]);
  }

  /** Kamailio prints profiles and variables as a list of one-key objects: [{"account":"42"}]. */
  pairs(key: string): Array<[string, string]> {
    const value = this.fields[key] ?? [];
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item, index) => {
      const entry = new FieldReader(this.method, `${this.path}.${key}[${index}]`, item);
      return Object.keys(entry.fields).map((name): [string, string] => [name, entry.scalar(name)]);
    });
  }

  private scalar(key: string): string {
    const value = this.fields[key];
    if (typeof value === 'number') return String(value);
    return this.string(key);
  }

  private check<T>(key: string, accepts: (value: unknown) => value is T, expected: string): T {
    const value = this.fields[key];
    if (!accepts(value)) {
      throw malformed(this.method, `${this.path}.${key} should be ${expected}, got ${JSON.stringify(value)}`);
    }
    return value;
  }
}
