import { randomUUID } from 'node:crypto';
import { cdrMonth, type RatedLevel } from '@tollgate/cdr';
import type { DataSource } from 'typeorm';

export interface TestCdr {
  tenantId: string;
  accountId: string;
  callId?: string;
  startedAt?: Date;
  destination?: string;
  caller?: string | null;
  direction?: 'outbound' | 'inbound';
  disposition?: string;
  vendorId?: string | null;
  price?: string | null;
  levels?: RatedLevel[];
  unratedReason?: string | null;
}

/** A CDR row as cdr-worker writes it, for API tests (the worker's own path is tested end to end). */
export async function insertTestCdr(dataSource: DataSource, cdr: TestCdr): Promise<string> {
  const startedAt = cdr.startedAt ?? new Date('2026-11-23T12:00:00Z');
  const month = cdrMonth(startedAt);
  await dataSource.query('SELECT tollgate_ensure_cdr_partition($1::date)', [month]);
  const price = cdr.price === undefined ? '0.12' : cdr.price;
  const levels = cdr.levels ?? [
    {
      kind: 'customer',
      partyId: cdr.accountId,
      tenantPath: null,
      price,
      currency: 'EUR',
      billedSeconds: 120,
      rate: null,
      margin: null,
      problem: null,
    },
  ];
  const [row] = (await dataSource.query(
    `INSERT INTO cdrs (start_month, call_id, leg, source, tenant_id, account_id, direction, caller, destination,
                       started_at, answered_at, ended_at, duration_seconds, billed_seconds, disposition, vendor_id,
                       currency, price, live_charged, rating_status, unrated_reason, levels)
     VALUES ($1, $2, 'a', 'rest', $3, $4, $5, $6, $7, $8, $8, $8::timestamptz + interval '61 seconds', 61, 120,
             $9, $10, 'EUR', $11, $11, $12, $13, $14)
     RETURNING id`,
    [
      month,
      cdr.callId ?? `${randomUUID()}@test`,
      cdr.tenantId,
      cdr.accountId,
      cdr.direction ?? 'outbound',
      cdr.caller === undefined ? '4930123456' : cdr.caller,
      cdr.destination ?? '447700900123',
      startedAt,
      cdr.disposition ?? 'answered',
      cdr.vendorId ?? null,
      price,
      cdr.unratedReason ? 'unrated' : 'rated',
      cdr.unratedReason ?? null,
      JSON.stringify(levels),
    ],
  )) as Array<{ id: string }>;
  return row!.id;
}
