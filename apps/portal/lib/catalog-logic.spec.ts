import { describe, expect, it } from 'vitest';
import { CATALOG_FIELDS } from './catalog-fields';
import { bodyOf, errorOf, valuesFrom } from './catalog-forms';
import { rateCardStateOf } from './rate-card-state';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

describe('catalog forms', () => {
  const vendor = CATALOG_FIELDS.vendor;

  it('sends what was typed as the API fields: numbers, lists, checkboxes; blanks keep the defaults', () => {
    const body = bodyOf(
      vendor,
      form({
        name: ' Carrier ',
        currency: 'EUR',
        priority: '2',
        weight: '1.5',
        blockedPrefixes: '4990\n 4991, 4992',
        qualityScore: '',
        enabled: 'on',
      }),
      false,
    );
    expect(body).toEqual({
      name: 'Carrier',
      currency: 'EUR',
      priority: 2,
      // Not a whole number: sent as typed, so the API names the problem at the field.
      weight: '1.5',
      blockedPrefixes: ['4990', '4991', '4992'],
      enabled: true,
    });
  });

  it('clears nullable fields left blank when editing, leaves out create-only ones, unchecks to false', () => {
    const body = bodyOf(vendor, form({ name: 'Carrier', qualityScore: '', tenantId: 'x' }), true);
    expect(body).toMatchObject({ name: 'Carrier', qualityScore: null, notes: null, enabled: false });
    expect(body).not.toHaveProperty('tenantId');
    expect(body).not.toHaveProperty('priority');
  });

  it('reads a stored object back into the form, and finds a nested field’s error', () => {
    const values = valuesFrom(vendor, { name: 'C', enabled: true, blockedPrefixes: ['1', '2'], notes: null });
    expect(values).toMatchObject({ name: 'C', enabled: 'on', blockedPrefixes: '1\n2', notes: '' });
    expect(errorOf({ 'blockedPrefixes.1': 'must be digits' }, 'blockedPrefixes')).toBe('must be digits');
    expect(errorOf({ blocked: 'x' }, 'blockedPrefixes')).toBeUndefined();
  });
});

describe('rate card state', () => {
  const now = new Date('2027-03-01T12:00:00Z');

  it('is active with rates in force, and says when a scheduled change starts', () => {
    expect(rateCardStateOf(true, '2027-01-01T00:00:00Z', now)).toEqual({
      state: 'active',
      nextChangeAt: null,
    });
    expect(rateCardStateOf(true, '2027-04-01T00:00:00Z', now)).toEqual({
      state: 'active',
      nextChangeAt: '2027-04-01T00:00:00Z',
    });
  });

  it('is scheduled when its only rates start later, and empty without any', () => {
    expect(rateCardStateOf(false, '2027-04-01T00:00:00Z', now).state).toBe('scheduled');
    expect(rateCardStateOf(false, null, now)).toEqual({ state: 'empty', nextChangeAt: null });
    expect(rateCardStateOf(false, '2026-01-01T00:00:00Z', now).state).toBe('empty');
  });
});
