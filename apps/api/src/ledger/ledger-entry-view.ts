import type { LedgerEntry, LedgerEntryKind } from '@tollgate/db';
import type Decimal from 'decimal.js';
import type { PartyRef } from './billing-parties';

export interface LedgerEntryView {
  id: string;
  tenantId: string;
  accountId: string | null;
  resellerId: string | null;
  kind: LedgerEntryKind;
  amount: Decimal;
  currency: string;
  idempotencyKey: string;
  description: string | null;
  reference: string | null;
  createdByUserId: string | null;
  createdByApiKeyId: string | null;
  createdAt: Date;
}

/**
 * Idempotency keys are unique over the whole ledger, so a key sent through the API is stored under its
 * party: two customers (or two resellers) using the same key never collide, and none learns of the other's.
 */
export function storedIdempotencyKey(party: PartyRef, key: string): string {
  return `${keyNamespace(party)}${key}`;
}

export function toLedgerEntryView(entry: LedgerEntry): LedgerEntryView {
  const party: PartyRef = entry.accountId
    ? { kind: 'account', id: entry.accountId }
    : { kind: 'reseller', id: entry.resellerTenantId! };
  const namespace = keyNamespace(party);
  return {
    id: entry.id,
    tenantId: entry.tenantId,
    accountId: entry.accountId,
    resellerId: entry.resellerTenantId,
    kind: entry.kind,
    amount: entry.amount,
    currency: entry.currency,
    // Keys of other posters (the CDR worker's `cdr:…`) are shown as stored.
    idempotencyKey: entry.idempotencyKey.startsWith(namespace)
      ? entry.idempotencyKey.slice(namespace.length)
      : entry.idempotencyKey,
    description: entry.description,
    reference: entry.reference,
    createdByUserId: entry.createdByUserId,
    createdByApiKeyId: entry.createdByApiKeyId,
    createdAt: entry.createdAt,
  };
}

function keyNamespace(party: PartyRef): string {
  return `api:${party.kind}:${party.id}:`;
}
