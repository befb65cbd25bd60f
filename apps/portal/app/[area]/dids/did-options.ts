import type { components } from '@tollgate/sdk';

type DidStatus = components['schemas']['DidDto']['status'];

export const DID_STATUSES: DidStatus[] = [
  'available',
  'reserved',
  'assigned',
  'porting_in',
  'porting_out',
  'quarantined',
];
