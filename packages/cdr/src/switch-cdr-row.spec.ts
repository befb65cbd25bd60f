import { describe, expect, it } from 'vitest';
import { KAMAILIO_ACC_COLUMNS, parseTime, switchCdrReader, type SwitchCdrReader } from './switch-cdr-row';

const readerOf = (...args: Parameters<typeof switchCdrReader>): SwitchCdrReader => {
  const reader = switchCdrReader(...args);
  if ('problems' in reader) throw new Error(JSON.stringify(reader.problems));
  return reader;
};

describe('Kamailio acc rows', () => {
  const acc = readerOf('kamailio-acc', [...KAMAILIO_ACC_COLUMNS]);
  const row = (values: Partial<Record<(typeof KAMAILIO_ACC_COLUMNS)[number], string>>) =>
    KAMAILIO_ACC_COLUMNS.map((column) => values[column] ?? '');
  const invite = {
    method: 'INVITE',
    from_tag: 'ft',
    to_tag: 'tt',
    callid: 'a84b4c76e66710@pbx',
    sip_code: '200',
    sip_reason: 'OK',
    time: '2026-11-23 12:00:00',
    src_user: 'alice',
    src_domain: 'SIP.Example.com',
    src_ip: '203.0.113.7',
    dst_ouser: '00447700900123',
    dst_user: '+447700900123',
    setuptime: '4',
    duration: '61',
  };

  it('reads an answered INVITE as a call: set-up at time, answer after setuptime, duration of talk', () => {
    expect(acc.read(2, row(invite))).toEqual({
      kind: 'call',
      cdr: {
        line: 2,
        identity: {
          line: { username: 'alice', domain: 'sip.example.com' },
          sourceIp: '203.0.113.7',
          accountCode: null,
        },
        callId: 'a84b4c76e66710@pbx',
        leg: 'a',
        caller: 'alice',
        destination: '447700900123',
        dialled: '00447700900123',
        startedAt: '2026-11-23T12:00:00.000Z',
        answeredAt: '2026-11-23T12:00:04.000Z',
        endedAt: '2026-11-23T12:01:05.000Z',
        durationSeconds: 61,
        disposition: 'answered',
        sipCode: 200,
        endCause: 'OK',
      },
    });
  });

  it('reads a busy INVITE as an unanswered call of no duration, and skips BYE records', () => {
    const busy = acc.read(3, row({ ...invite, sip_code: '486', sip_reason: 'Busy Here', duration: '' }));
    expect(busy).toMatchObject({
      kind: 'call',
      cdr: { disposition: 'busy', durationSeconds: 0, answeredAt: null, endedAt: '2026-11-23T12:00:04.000Z' },
    });
    expect(acc.read(4, row({ ...invite, method: 'BYE' }))).toEqual({ kind: 'skipped' });
    expect(acc.read(5, row({ ...invite, duration: '' }))).toEqual({
      kind: 'bad',
      problems: [
        {
          line: 5,
          field: 'duration',
          reason: 'an answered call needs its duration (see docs/cdrs.md)',
          value: null,
        },
      ],
    });
  });

  it('reports every bad cell of a row with its line', () => {
    const result = acc.read(
      7,
      row({ ...invite, sip_code: '2000', time: 'yesterday', dst_user: 'bob', src_ip: 'x', src_user: '' }),
    );
    expect(result).toEqual({
      kind: 'bad',
      problems: [
        { line: 7, field: 'sip_code', reason: 'is not a SIP code', value: '2000' },
        { line: 7, field: 'time', reason: 'is not a time (ISO 8601, or epoch seconds)', value: 'yesterday' },
        { line: 7, field: 'dst_user', reason: 'is not a phone number (E.164 digits, +…, 00…)', value: 'bob' },
        { line: 7, field: 'src_ip', reason: 'is not an IP address', value: 'x' },
      ],
    });
  });

  it('names the columns a header lacks', () => {
    expect(switchCdrReader('kamailio-acc', ['method', 'callid'])).toMatchObject({
      problems: expect.arrayContaining([{ field: 'sip_code', reason: 'no column "sip_code"' }]) as unknown,
    });
  });
});

describe('generic CSV rows with a column mapping', () => {
  const header = ['Call ID', 'From', 'To', 'Start', 'Stop', 'Account'];
  const mapping = {
    callId: 'Call ID',
    caller: 'From',
    destination: 'To',
    startedAt: 'Start',
    endedAt: 'Stop',
    accountCode: 'Account',
  };
  const generic = readerOf('generic', header, mapping);

  it('derives the duration and the answer from start and end when the file has no more', () => {
    expect(
      generic.read(2, [
        'c1@sw',
        '4930123',
        '0044 20 7946 0000',
        '2026-11-23T12:00:00Z',
        '2026-11-23T12:01:30Z',
        'CUST-1',
      ]),
    ).toMatchObject({
      kind: 'call',
      cdr: {
        callId: 'c1@sw',
        destination: '442079460000',
        identity: { line: null, sourceIp: null, accountCode: 'CUST-1' },
        answeredAt: '2026-11-23T12:00:00.000Z',
        endedAt: '2026-11-23T12:01:30.000Z',
        durationSeconds: 90,
        disposition: 'answered',
      },
    });
  });

  it('takes a duration and a disposition where the mapping names them', () => {
    const reader = readerOf('generic', ['id', 'dst', 'start', 'secs', 'status', 'user'], {
      callId: 'id',
      destination: 'dst',
      startedAt: 'start',
      durationSeconds: 'secs',
      disposition: 'status',
      line: 'user',
    });
    expect(
      reader.read(5, ['c2', '447700900123', '1795435200', '0', 'no answer', 'bob@pbx.test']),
    ).toMatchObject({
      kind: 'call',
      cdr: { disposition: 'not-answered', durationSeconds: 0, identity: { line: { username: 'bob' } } },
    });
    expect(reader.read(6, ['c3', '447700900123', '1795435200', '30', 'answered', 'bob'])).toEqual({
      kind: 'bad',
      problems: [{ line: 6, field: 'line', reason: 'must be user@domain', value: 'bob' }],
    });
  });

  it('rejects a header without a way to identify accounts or to end calls', () => {
    expect(switchCdrReader('generic', ['call_id', 'destination', 'start_time'])).toEqual({
      problems: [
        { field: 'endedAt', reason: 'the file needs an end time or a duration column' },
        {
          field: 'line',
          reason:
            'the file needs a line (user@domain), source IP or account code column to identify accounts',
        },
      ],
    });
  });

  it('reads times with an offset, without one (UTC) and as epoch seconds', () => {
    expect(parseTime('2026-11-23T13:00:00+01:00')?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(parseTime('2026-11-23 12:00:00')?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(parseTime('1795435200')?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(parseTime('23/11/2026')).toBeUndefined();
  });
});
