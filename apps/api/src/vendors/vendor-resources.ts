import type { TenantResourceOptions } from '../tenancy/tenant-resources';

// How each table the module reads is scoped, named and deleted; end users see none of them.

export const VENDORS: TenantResourceOptions = {
  label: 'vendor',
  entityType: 'vendor',
  endUserColumn: null,
  deletion: 'soft',
};

export const VENDOR_TRUNKS: TenantResourceOptions = {
  label: 'vendor trunk',
  entityType: 'vendor_trunk',
  endUserColumn: null,
  deletion: 'soft',
};

/** Read only here, to check a vendor's buy rate card. */
export const RATE_CARDS: TenantResourceOptions = {
  label: 'rate card',
  entityType: 'rate_card',
  endUserColumn: null,
  deletion: 'soft',
};
