import type { TenantResourceOptions } from '../tenancy/tenant-resources';

// How each table of the module is scoped, named and deleted; end users see none of them.

export const RATE_CARDS: TenantResourceOptions = {
  label: 'rate card',
  entityType: 'rate_card',
  endUserColumn: null,
  deletion: 'soft',
};

/** Rates are versioned by effective dates and never soft-deleted. */
export const RATES: TenantResourceOptions = {
  label: 'rate',
  entityType: 'rate',
  endUserColumn: null,
  deletion: 'hard',
};

export const RATE_PERIODS: TenantResourceOptions = {
  label: 'rate period',
  entityType: 'rate_period',
  endUserColumn: null,
  deletion: 'hard',
};

export const HOLIDAYS: TenantResourceOptions = {
  label: 'holiday',
  entityType: 'holiday',
  endUserColumn: null,
  deletion: 'hard',
};
