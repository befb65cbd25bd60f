import { createRate, RateCard, type RateInput } from '@tollgate/rating';
import { describe, expect, it } from 'vitest';
import { cdrJobId, cdrJobSchema, cdrMonth } from './cdr-job';
import { cdrLedgerKey, visibleLevels } from './cdr-levels';
import { rateCallLevels } from './rate-call-levels';

const terms = (pricePerMinute: string, more: Partial<RateInput> = {}): RateInput => ({
  prefix: '44',
  pricePerMinute,
  firstInterval: 1,
  nextInterval: 1,
  rounding: { mode: 'half-up', decimals: 4 },
  ...more,
});
const cardOf = (currency: string, rate: RateInput, effectiveFrom?: string): RateCard =>
  RateCard.build({
    currency,
    timeZone: 'UTC',
    rates: [{ ...rate, ...(effectiveFrom ? { effectiveFrom } : {}) }],
  });

const call = { destination: '442071234567', ratedAt: new Date('2026-11-23T12:00:00Z'), durationSeconds: 61 };

describe('rateCallLevels', () => {
  it('prices the call at every level, each with its own pulses, and the margin each buyer earns', () => {
    const rated = rateCallLevels(call, [
      {
        kind: 'customer',
        partyId: 'acct',
        currency: 'EUR',
        rate: createRate(terms('0.10', { firstInterval: 60, nextInterval: 60 }), 'EUR'),
      },
      {
        kind: 'reseller',
        partyId: 'r2',
        currency: 'EUR',
        tenantPath: '/o/r1/r2/',
        card: cardOf('EUR', terms('0.07', { firstInterval: 30, nextInterval: 6 })),
      },
      {
        kind: 'reseller',
        partyId: 'r1',
        currency: 'EUR',
        tenantPath: '/o/r1/',
        card: cardOf('EUR', terms('0.06')),
      },
      { kind: 'vendor', partyId: 'v', tenantPath: '/o/', card: cardOf('EUR', terms('0.05')) },
    ]);
    expect(rated.rated).toBe(true);
    expect(rated.levels.map((l) => [l.partyId, l.billedSeconds, l.price, l.margin])).toEqual([
      ['acct', 120, '0.2', null],
      ['r2', 66, '0.077', '0.123'],
      ['r1', 61, '0.061', '0.016'],
      ['v', 61, '0.0508', '0.0102'],
    ]);
    expect(rated.levels[1]?.rate).toMatchObject({ prefix: '44', pricePerMinute: '0.07', firstInterval: 30 });
  });

  it('uses the rates in force at the call start, not the latest ones', () => {
    const card = RateCard.build({
      currency: 'EUR',
      timeZone: 'UTC',
      rates: [
        { ...terms('0.05'), effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: '2026-12-01T00:00:00Z' },
        { ...terms('0.50'), effectiveFrom: '2026-12-01T00:00:00Z' },
      ],
    });
    const rated = rateCallLevels({ ...call, durationSeconds: 60 }, [{ kind: 'vendor', partyId: 'v', card }]);
    expect(rated.levels[0]?.price).toBe('0.05');
  });

  it('names every level it could not rate and keeps the others', () => {
    const rated = rateCallLevels(call, [
      {
        kind: 'customer',
        partyId: 'acct',
        currency: 'EUR',
        card: cardOf('EUR', terms('0.1', { prefix: '33' })),
      },
      { kind: 'reseller', partyId: 'r1', currency: 'EUR', missing: 'reseller r1 has no buy rate card' },
      { kind: 'reseller', partyId: 'r0', currency: 'USD', card: cardOf('EUR', terms('0.06')) },
      { kind: 'vendor', partyId: 'v', card: cardOf('EUR', terms('0.05')) },
    ]);
    expect(rated.rated).toBe(false);
    expect(rated.unratedReason).toBe(
      'customer acct: no rate for 442071234567 at 2026-11-23T12:00:00.000Z; reseller r1 has no buy rate card; ' +
        'reseller r0: the rate is in EUR, the balance in USD',
    );
    expect(rated.levels.map((l) => l.price)).toEqual([null, null, null, '0.0508']);
    expect(rated.levels[3]?.margin).toBeNull();
  });
});

describe('visibleLevels', () => {
  const rated = rateCallLevels(call, [
    { kind: 'customer', partyId: 'acct', card: cardOf('EUR', terms('0.1')) },
    { kind: 'reseller', partyId: 'r2', tenantPath: '/o/r1/r2/', card: cardOf('EUR', terms('0.07')) },
    { kind: 'reseller', partyId: 'r1', tenantPath: '/o/r1/', card: cardOf('EUR', terms('0.06')) },
    { kind: 'vendor', partyId: 'v', tenantPath: '/o/', card: cardOf('EUR', terms('0.05')) },
  ]).levels;
  const ids = (levels: readonly { partyId: string }[]) => levels.map((l) => l.partyId);

  it('shows a reseller its own level and those below it, never its parent’s', () => {
    expect(ids(visibleLevels(rated, { endUser: false, tenantPath: '/o/r1/r2/' }))).toEqual(['acct', 'r2']);
    expect(ids(visibleLevels(rated, { endUser: false, tenantPath: '/o/r1/' }))).toEqual(['acct', 'r2', 'r1']);
    expect(ids(visibleLevels(rated, { endUser: false, tenantPath: '/o/' }))).toEqual([
      'acct',
      'r2',
      'r1',
      'v',
    ]);
    expect(ids(visibleLevels(rated, { endUser: true }))).toEqual(['acct']);
  });
});

describe('CDR identity', () => {
  it('gives BullMQ a job id without colons, the same for the same Call-ID and leg', () => {
    const id = cdrJobId('a84b4c76e66710@pc33.atlanta.com:5060', 'a');
    expect(id).not.toContain(':');
    expect(id).toBe(cdrJobId('a84b4c76e66710@pc33.atlanta.com:5060', 'a'));
    expect(id).not.toBe(cdrJobId('a84b4c76e66710@pc33.atlanta.com:5060', 'b'));
    expect(cdrLedgerKey('x@y', 'a', 'reseller', 'r1')).toBe('cdr:a:reseller:r1:x@y');
  });

  it('puts a call in the UTC month of its start', () => {
    expect(cdrMonth(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-11-01');
    expect(cdrMonth(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-01');
  });

  it('refuses a payload that names no account or has a malformed destination', () => {
    const parsed = cdrJobSchema.safeParse({
      source: 'rest',
      callId: 'c',
      accountId: 'nope',
      direction: 'outbound',
      destination: '+44',
      startedAt: '2026-11-23T12:00:00Z',
      endedAt: '2026-11-23T12:01:00Z',
      durationSeconds: 60,
      disposition: 'answered',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['accountId', 'destination']);
  });
});
