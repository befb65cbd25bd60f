import { describe, expect, it } from 'vitest';
import { formErrorsOf } from './api-errors';
import { areaOf, currentItemOf, homeOf, navigationOf } from './areas';
import { brandOf, contrastRatio, textColourOn } from './brand';
import { periodOf, seriesRange } from './dashboard-periods';
import { sumDecimals } from './decimal';
import { formatMoney, isNegative } from './money';
import { pageLinks } from './pagination';
import { decodeSession, encodeSession, needsRefresh, sessionFromTokens } from './session-cookie';
import { dayRange, formatDuration } from './time-range';

describe('areas', () => {
  it('sends end users to their account, and staff to the console of their tenant', () => {
    expect(areaOf({ accountId: 'a', tenantKind: 'reseller' })).toBe('my');
    expect(areaOf({ accountId: null, tenantKind: 'owner' })).toBe('owner');
    expect(areaOf({ accountId: null, tenantKind: 'reseller' })).toBe('reseller');
    expect(homeOf('reseller')).toBe('/reseller');
    expect(homeOf('my')).toBe('/my');
  });

  it('groups the navigation in sections and marks the page the user is on', () => {
    const sections = navigationOf('owner');
    expect(sections.map((section) => section.label)).toEqual([
      'Overview',
      'Customers',
      'Catalog',
      'Traffic',
      'Numbers',
      'Administration',
    ]);
    expect(currentItemOf(sections, '/owner')?.label).toBe('Dashboard');
    expect(currentItemOf(sections, '/owner/accounts/42/edit')?.label).toBe('Accounts');
    // The dashboard is not the parent of a page missing from the navigation.
    expect(currentItemOf(sections, '/owner/elsewhere')).toBeUndefined();
    expect(navigationOf('reseller').flatMap((s) => s.items.map((i) => i.href))).toContain(
      '/reseller/audit-log',
    );
  });
});

describe('dashboard', () => {
  it('sums decimal strings exactly, signs and scales mixed', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['90071992547409.93', '0.07', '-1'])).toBe('90071992547409');
    expect(sumDecimals(['-0.5', '0.25'])).toBe('-0.25');
    expect(sumDecimals([])).toBe('0');
  });

  it('asks the series API for whole buckets of the chosen period, ending with the current one', () => {
    const now = new Date('2026-12-06T17:45:10Z');
    expect(seriesRange('24h', now)).toEqual({
      granularity: 'hour',
      from: '2026-12-05T18:00:00.000Z',
      to: '2026-12-06T18:00:00.000Z',
    });
    expect(seriesRange('7d', now)).toEqual({
      granularity: 'day',
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
    });
    expect(periodOf('bogus')).toBe('30d');
  });
});

describe('brand', () => {
  it('writes on the brand colour in whichever of black and white reads best (WCAG contrast)', () => {
    expect(textColourOn('#1d4ed8')).toBe('#ffffff');
    expect(textColourOn('#fde047')).toBe('#000000');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio(brandOf(undefined).primary, brandOf(undefined).onPrimary)).toBeGreaterThanOrEqual(
      4.5,
    );
  });
});

describe('money', () => {
  it('formats exact decimal strings without going through a float', () => {
    expect(formatMoney('12.5', 'EUR')).toBe('€12.50');
    expect(formatMoney('0.073', 'EUR')).toBe('€0.073');
    // 0.1 + 0.2 style drift cannot happen: the digits are the API's.
    expect(formatMoney('90071992547409.93', 'EUR', 2)).toBe('€90,071,992,547,409.93');
    expect(formatMoney('-3.14159', 'USD')).toBe('-US$3.1416');
    expect(isNegative('-0.01')).toBe(true);
    expect(isNegative('-0.000')).toBe(false);
    expect(isNegative('4')).toBe(false);
  });
});

describe('API errors for forms', () => {
  it('puts each reason next to its field, the first one per field', () => {
    const errors = formErrorsOf(
      {
        statusCode: 400,
        message: 'the request has invalid fields',
        errors: [
          { field: 'code', reason: 'is required' },
          { field: 'code', reason: 'is too short' },
          { field: 'settings.brandName', reason: 'is too long' },
        ],
      },
      400,
    );
    expect(errors.fields).toEqual({ code: 'is required', 'settings.brandName': 'is too long' });
    expect(errors.message).toBe('Some fields need your attention.');
    expect(formErrorsOf({ message: 'the code is taken' }, 409).message).toBe('The code is taken');
    expect(formErrorsOf(undefined, 502).message).toBe('The request failed (HTTP 502).');
  });
});

describe('cursor pages', () => {
  it('keeps the way back in the URL', () => {
    const first = pageLinks(new URLSearchParams('search=acme'), 'c1');
    expect(first.previous).toBeNull();
    expect(first.pageNumber).toBe(1);
    const second = pageLinks(first.next!, 'c2');
    expect(second.next!.toString()).toBe('search=acme&cursor=c2&trail=c1');
    expect(second.previous!.toString()).toBe('search=acme');
    const third = pageLinks(second.next!, null);
    expect(third.pageNumber).toBe(3);
    expect(third.next).toBeNull();
    expect(third.previous!.toString()).toBe('search=acme&cursor=c1');
  });
});

describe('the session cookie', () => {
  const tokens = {
    tokenType: 'Bearer' as const,
    accessToken: 'access',
    refreshToken: 'refresh-token-of-forty-characters-000000',
    expiresIn: 900,
    user: {
      id: 'u',
      email: 'a@b.test',
      displayName: 'A',
      role: 'admin' as const,
      tenantId: 't',
      tenantKind: 'owner' as const,
      accountId: null,
      permissions: ['read'],
    },
  };

  it('round-trips, refuses what is not ours, and asks for a refresh 30 s before expiry', () => {
    const session = sessionFromTokens(tokens, 1_000_000);
    expect(decodeSession(encodeSession(session))).toEqual(session);
    expect(decodeSession('not-a-session')).toBeNull();
    expect(decodeSession(Buffer.from('{"accessToken":1}').toString('base64url'))).toBeNull();
    expect(needsRefresh(session, 1_000_000 + 869_000)).toBe(false);
    expect(needsRefresh(session, 1_000_000 + 870_000)).toBe(true);
  });
});

describe('day filters', () => {
  it('reads days in UTC as a half-open range that includes the last day', () => {
    expect(dayRange('2026-12-01', '2026-12-06')).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
      errors: {},
    });
    expect(dayRange('', '2026-02-28')).toEqual({ to: '2026-03-01T00:00:00.000Z', errors: {} });
    expect(dayRange(null, null)).toEqual({ errors: {} });
  });

  it('names the field of a day that does not exist, or of a range that runs backwards', () => {
    expect(dayRange('2026-02-31', null).errors).toEqual({ from: expect.stringContaining('date') });
    expect(dayRange('yesterday', null).errors.from).toBeTruthy();
    expect(dayRange('2026-12-06', '2026-12-01').errors).toEqual({ to: 'must not be before the first day' });
  });

  it('shows call lengths as m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3_725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('—');
  });
});
