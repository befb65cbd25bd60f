import { isIP } from 'node:net';
import { normalizeDestination } from '@tollgate/rating';
import { CDR_DISPOSITIONS, type CdrDisposition } from './cdr-job';

/**
 * CDR files from a switch: Kamailio's `acc` records (one row per call, the columns our layout logs, see
 * docs/cdrs.md) or any CSV whose columns a mapping names. Rows are read here into calls that still have
 * to be identified (line, trunk or account code → billing account), which needs the database.
 */
export const CDR_FILE_FORMATS = ['kamailio-acc', 'generic'] as const;
export type CdrFileFormat = (typeof CDR_FILE_FORMATS)[number];

/** The fields of a generic CSV, each the header it has unless the mapping renames it. */
export const GENERIC_CDR_COLUMNS = {
  callId: 'call_id',
  leg: 'leg',
  caller: 'caller',
  destination: 'destination',
  startedAt: 'start_time',
  answeredAt: 'answer_time',
  endedAt: 'end_time',
  durationSeconds: 'duration',
  disposition: 'disposition',
  sipCode: 'sip_code',
  line: 'line',
  sourceIp: 'source_ip',
  accountCode: 'account_code',
} as const;

export type CdrFileField = keyof typeof GENERIC_CDR_COLUMNS;
export const CDR_FILE_FIELDS = Object.keys(GENERIC_CDR_COLUMNS) as CdrFileField[];
export type CdrFileMapping = Record<CdrFileField, string>;

/** Kamailio acc columns: the standard ones, then the db_extra our layout adds (docs/cdrs.md). */
export const KAMAILIO_ACC_COLUMNS = [
  'method',
  'from_tag',
  'to_tag',
  'callid',
  'sip_code',
  'sip_reason',
  'time',
  'src_user',
  'src_domain',
  'src_ip',
  'dst_ouser',
  'dst_user',
  'dst_domain',
  'setuptime',
  'duration',
] as const;
type AccColumn = (typeof KAMAILIO_ACC_COLUMNS)[number];

const REQUIRED_ACC_COLUMNS: readonly AccColumn[] = [
  'method',
  'callid',
  'sip_code',
  'time',
  'src_user',
  'src_domain',
  'src_ip',
  'dst_user',
  'setuptime',
  'duration',
];

/** Where a generic file gives these, a call can be placed; the identification needs one of the last three. */
const REQUIRED_GENERIC_FIELDS: readonly CdrFileField[] = ['callId', 'destination', 'startedAt'];
const IDENTIFYING_FIELDS: readonly CdrFileField[] = ['line', 'sourceIp', 'accountCode'];

/** How the file names its billing party; the job looks each up in the importer's subtree. */
export interface CdrIdentity {
  /** `user@domain` of a line, lower-cased domain. */
  line: { username: string; domain: string } | null;
  sourceIp: string | null;
  accountCode: string | null;
}

/** One call read from a file, before its billing account is known. */
export interface SwitchCdr {
  line: number;
  identity: CdrIdentity;
  callId: string;
  leg: string;
  caller: string | null;
  destination: string;
  dialled: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  durationSeconds: number;
  disposition: CdrDisposition;
  sipCode: number | null;
  endCause: string | null;
}

export interface CdrFileProblem {
  line: number;
  /** The column's field (generic) or header (acc), or `file`. */
  field: string;
  reason: string;
  value: string | null;
}

/** A data row: the call, a row that is not a call (an acc BYE), or every problem it has. */
export type SwitchCdrRow =
  { kind: 'call'; cdr: SwitchCdr } | { kind: 'skipped' } | { kind: 'bad'; problems: CdrFileProblem[] };

/** Reads the data rows of one file, once its header is known. */
export interface SwitchCdrReader {
  read(line: number, cells: readonly string[]): SwitchCdrRow;
}

const MAX_SECONDS = 7 * 86_400;

/** From the header row: a reader of the rows, or what is wrong with the header. */
export function switchCdrReader(
  format: CdrFileFormat,
  header: readonly string[],
  mapping: Partial<Record<CdrFileField, string>> = {},
): SwitchCdrReader | { problems: Array<Omit<CdrFileProblem, 'line' | 'value'>> } {
  const positions = headerPositions(header);
  if (format === 'kamailio-acc') {
    const missing = REQUIRED_ACC_COLUMNS.filter((column) => !positions.has(column));
    if (missing.length > 0)
      return { problems: missing.map((column) => ({ field: column, reason: `no column "${column}"` })) };
    return new AccReader(positions);
  }
  const resolved: CdrFileMapping = { ...GENERIC_CDR_COLUMNS, ...mapping };
  const problems: Array<Omit<CdrFileProblem, 'line' | 'value'>> = [];
  const fields = new Map<CdrFileField, number>();
  for (const field of CDR_FILE_FIELDS) {
    const position = positions.get(headerKey(resolved[field]));
    if (position !== undefined) fields.set(field, position);
    else if (REQUIRED_GENERIC_FIELDS.includes(field) || mapping[field] !== undefined)
      problems.push({ field, reason: `no column "${resolved[field]}" in the header row` });
  }
  if (!fields.has('endedAt') && !fields.has('durationSeconds'))
    problems.push({ field: 'endedAt', reason: 'the file needs an end time or a duration column' });
  if (!IDENTIFYING_FIELDS.some((field) => fields.has(field)))
    problems.push({
      field: 'line',
      reason: 'the file needs a line (user@domain), source IP or account code column to identify accounts',
    });
  return problems.length > 0 ? { problems } : new GenericReader(fields);
}

/** A row's cells by column, collecting its problems. */
class RowCells<K extends string> {
  readonly problems: CdrFileProblem[] = [];

  constructor(
    readonly line: number,
    private readonly cells: readonly string[],
    private readonly positions: ReadonlyMap<K, number>,
  ) {}

  text(column: K): string {
    const position = this.positions.get(column);
    return position === undefined ? '' : (this.cells[position] ?? '').trim();
  }

  optional(column: K): string | null {
    const value = this.text(column);
    return value === '' ? null : value;
  }

  problem(field: string, reason: string, value: string | null): undefined {
    this.problems.push({ line: this.line, field, reason, value: value?.slice(0, 200) ?? null });
    return undefined;
  }

  required(column: K, what = 'is required'): string | undefined {
    const value = this.text(column);
    return value === '' ? this.problem(column, what, null) : value;
  }

  time(column: K): Date | null | undefined {
    const value = this.text(column);
    if (value === '') return null;
    return parseTime(value) ?? this.problem(column, 'is not a time (ISO 8601, or epoch seconds)', value);
  }

  seconds(column: K): number | null | undefined {
    const value = this.text(column);
    if (value === '') return null;
    const seconds = /^\d+(\.\d+)?$/.test(value) ? Math.ceil(Number(value)) : NaN;
    if (!Number.isInteger(seconds) || seconds > MAX_SECONDS)
      return this.problem(column, `must be whole seconds from 0 to ${MAX_SECONDS}`, value);
    return seconds;
  }

  sipCode(column: K): number | null | undefined {
    const value = this.text(column);
    if (value === '') return null;
    return /^[1-6]\d\d$/.test(value) ? Number(value) : this.problem(column, 'is not a SIP code', value);
  }

  destination(column: K): string | undefined {
    const value = this.required(column);
    if (value === undefined) return undefined;
    const digits = normalizeDestination(value);
    return digits !== undefined && digits.length <= 32
      ? digits
      : this.problem(column, 'is not a phone number (E.164 digits, +…, 00…)', value);
  }

  callId(column: K): string | undefined {
    const value = this.required(column);
    if (value === undefined) return undefined;
    return value.length <= 512 ? value : this.problem(column, 'is longer than 512 characters', value);
  }
}

class AccReader implements SwitchCdrReader {
  constructor(private readonly positions: ReadonlyMap<string, number>) {}

  read(line: number, cells: readonly string[]): SwitchCdrRow {
    const row = new RowCells<string>(line, cells, this.positions);
    // acc logs every transaction; the INVITE's record is the call, with the dialog's times (db_extra).
    const method = row.text('method').toUpperCase();
    if (method === '') row.problem('method', 'is required', null);
    else if (method !== 'INVITE') return { kind: 'skipped' };
    const callId = row.callId('callid');
    const sipCode = row.sipCode('sip_code');
    if (sipCode === null) row.problem('sip_code', 'is required', null);
    const startedAt = row.time('time');
    if (startedAt === null) row.problem('time', 'is required', null);
    const setup = row.seconds('setuptime') ?? 0;
    const duration = row.seconds('duration') ?? 0;
    const destination = row.destination('dst_user');
    const identity = accIdentity(row);
    if (row.problems.length > 0 || !callId || !sipCode || !startedAt || destination === undefined)
      return { kind: 'bad', problems: row.problems };
    const disposition = dispositionOfSipCode(sipCode);
    const answered = disposition === 'answered';
    // acc logs an INVITE when it is answered, not when it ends: without the duration the call is unknown.
    if (answered && row.text('duration') === '') {
      row.problem('duration', 'an answered call needs its duration (see docs/cdrs.md)', null);
      return { kind: 'bad', problems: row.problems };
    }
    const answeredAt = answered ? addSeconds(startedAt, setup) : null;
    return {
      kind: 'call',
      cdr: {
        line,
        identity,
        callId,
        leg: 'a',
        caller: row.optional('src_user')?.slice(0, 128) ?? null,
        destination,
        dialled: row.optional('dst_ouser')?.slice(0, 128) ?? null,
        startedAt: startedAt.toISOString(),
        answeredAt: answeredAt?.toISOString() ?? null,
        endedAt: addSeconds(startedAt, setup + (answered ? duration : 0)).toISOString(),
        durationSeconds: answered ? duration : 0,
        disposition,
        sipCode,
        endCause: row.optional('sip_reason')?.slice(0, 256) ?? null,
      },
    };
  }
}

function accIdentity(row: RowCells<string>): CdrIdentity {
  const user = row.optional('src_user');
  const domain = row.optional('src_domain');
  const sourceIp = row.optional('src_ip');
  if (sourceIp !== null && !isIpAddress(sourceIp)) row.problem('src_ip', 'is not an IP address', sourceIp);
  if (!(user && domain) && sourceIp === null)
    row.problem('src_ip', 'the row names no line (src_user@src_domain) and no source IP', null);
  return {
    line: user && domain ? { username: user, domain: domain.toLowerCase() } : null,
    sourceIp,
    accountCode: null,
  };
}

class GenericReader implements SwitchCdrReader {
  constructor(private readonly positions: ReadonlyMap<CdrFileField, number>) {}

  read(line: number, cells: readonly string[]): SwitchCdrRow {
    const row = new RowCells<CdrFileField>(line, cells, this.positions);
    const callId = row.callId('callId');
    const leg = row.optional('leg') ?? 'a';
    if (!/^[a-z0-9-]{1,16}$/.test(leg))
      row.problem('leg', 'must be 1 to 16 lower-case letters, digits or hyphens', leg);
    const destination = row.destination('destination');
    const startedAt = row.time('startedAt');
    if (startedAt === null) row.problem('startedAt', 'is required', null);
    const answeredAt = row.time('answeredAt');
    const endedAt = row.time('endedAt');
    const duration = row.seconds('durationSeconds');
    const sipCode = row.sipCode('sipCode');
    const disposition = genericDisposition(row, sipCode);
    const identity = genericIdentity(row);
    if (row.problems.length > 0 || !callId || destination === undefined || !startedAt)
      return { kind: 'bad', problems: row.problems };
    // Each undefined below is a problem already recorded.
    const times = callTimes(row, {
      startedAt,
      answeredAt: answeredAt ?? null,
      endedAt: endedAt ?? null,
      duration: duration ?? null,
      disposition,
    });
    if (!times) return { kind: 'bad', problems: row.problems };
    return {
      kind: 'call',
      cdr: {
        line,
        identity,
        callId,
        leg,
        caller: row.optional('caller')?.slice(0, 128) ?? null,
        destination,
        dialled: null,
        ...times,
        sipCode: sipCode ?? null,
        endCause: null,
      },
    };
  }
}

function genericDisposition(
  row: RowCells<CdrFileField>,
  sipCode: number | null | undefined,
): CdrDisposition | undefined {
  const value = row
    .optional('disposition')
    ?.toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (value !== undefined) {
    if ((CDR_DISPOSITIONS as readonly string[]).includes(value)) return value as CdrDisposition;
    if (value === 'no-answer') return 'not-answered';
    return row.problem('disposition', `must be one of ${CDR_DISPOSITIONS.join(', ')}`, value);
  }
  return sipCode ? dispositionOfSipCode(sipCode) : undefined;
}

function genericIdentity(row: RowCells<CdrFileField>): CdrIdentity {
  const lineText = row.optional('line');
  const sourceIp = row.optional('sourceIp');
  const accountCode = row.optional('accountCode');
  let line: CdrIdentity['line'] = null;
  if (lineText !== null) {
    const match = /^(?:sips?:)?([^@\s]+)@([^@\s;>]+)$/i.exec(lineText);
    if (match) line = { username: match[1]!, domain: match[2]!.toLowerCase() };
    else row.problem('line', 'must be user@domain', lineText);
  }
  if (sourceIp !== null && !isIpAddress(sourceIp)) row.problem('sourceIp', 'is not an IP address', sourceIp);
  if (lineText === null && sourceIp === null && accountCode === null)
    row.problem('line', 'the row names no line, source IP or account code', null);
  return { line, sourceIp, accountCode };
}

/** The call's times from what the row gives: an end time, a duration, or both. */
function callTimes(
  row: RowCells<CdrFileField>,
  given: {
    startedAt: Date;
    answeredAt: Date | null;
    endedAt: Date | null;
    duration: number | null;
    disposition: CdrDisposition | undefined;
  },
): Pick<SwitchCdr, 'startedAt' | 'answeredAt' | 'endedAt' | 'durationSeconds' | 'disposition'> | undefined {
  const { startedAt, answeredAt, endedAt, duration } = given;
  if (endedAt === null && duration === null)
    return row.problem('endedAt', 'the row gives neither an end time nor a duration', null);
  if (endedAt && endedAt < startedAt)
    return row.problem('endedAt', 'is before the start time', endedAt.toISOString());
  if (answeredAt && (answeredAt < startedAt || (endedAt && answeredAt > endedAt)))
    return row.problem('answeredAt', 'is not between the start and the end', answeredAt.toISOString());
  // Talk time: the duration column, else end − answer (end − start when the answer is not given).
  const talk = duration ?? wholeSeconds(endedAt!, answeredAt ?? startedAt);
  if (talk > MAX_SECONDS) return row.problem('endedAt', `the call lasts more than ${MAX_SECONDS} s`, null);
  const disposition = given.disposition ?? (talk > 0 ? 'answered' : 'not-answered');
  const answered = disposition === 'answered';
  const end = endedAt ?? addSeconds(answeredAt ?? startedAt, answered ? talk : 0);
  const answer = answered ? (answeredAt ?? addSeconds(end, -talk)) : null;
  if (answer && answer < startedAt)
    return row.problem('durationSeconds', 'is longer than the call from start to end', String(talk));
  return {
    startedAt: startedAt.toISOString(),
    answeredAt: answer?.toISOString() ?? null,
    endedAt: end.toISOString(),
    durationSeconds: answered ? talk : 0,
    disposition,
  };
}

/** The disposition a final SIP reply means. */
export function dispositionOfSipCode(code: number): CdrDisposition {
  if (code >= 200 && code < 300) return 'answered';
  if (code === 486 || code === 600) return 'busy';
  if (code === 487) return 'cancelled';
  return 'failed';
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 with or without an offset (none means UTC: acc's database `time` column and most switch
 * exports hold UTC), or Unix epoch seconds (acc's syslog and CSV backends).
 */
export function parseTime(value: string): Date | undefined {
  if (/^\d{9,10}(\.\d+)?$/.test(value)) return new Date(Math.round(Number(value) * 1000));
  if (!ISO_TIME.test(value)) return undefined;
  const iso = value.replace(' ', 'T');
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`;
  const time = new Date(withZone);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

function headerPositions(header: readonly string[]): Map<string, number> {
  const positions = new Map<string, number>();
  header.forEach((name, position) => {
    if (!positions.has(headerKey(name))) positions.set(headerKey(name), position);
  });
  return positions;
}

function headerKey(name: string): string {
  return name.trim().toLowerCase();
}

function addSeconds(time: Date, seconds: number): Date {
  return new Date(time.getTime() + seconds * 1000);
}

function wholeSeconds(to: Date, from: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 1000));
}

function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}
