import type { Cdr } from '@tollgate/db';
import { Vendor } from '@tollgate/db';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../http/domain-errors';
import type { TenantScope } from '../tenancy/tenant-scope';
import type { CdrFilter } from './dto/cdr.dto';

/** Narrows a scoped CDR query by the search fields; every index of the table serves one of them. */
export function applyCdrFilter(rows: SelectQueryBuilder<Cdr>, filter: CdrFilter): void {
  if (filter.from) rows.andWhere('row.startedAt >= :from', { from: filter.from });
  if (filter.to) rows.andWhere('row.startedAt < :to', { to: filter.to });
  if (filter.accountId) rows.andWhere('row.accountId = :accountId', { accountId: filter.accountId });
  if (filter.lineId) rows.andWhere('row.lineId = :lineId', { lineId: filter.lineId });
  if (filter.number) {
    // Digits only (validated): nothing to escape in the LIKE pattern.
    const digits = filter.number.replace(/^\+/, '');
    rows.andWhere('(row.destination LIKE :numberPrefix OR row.caller IN (:...callers))', {
      numberPrefix: `${digits}%`,
      callers: [digits, `+${digits}`],
    });
  }
  if (filter.vendorId) rows.andWhere('row.vendorId = :vendorId', { vendorId: filter.vendorId });
  if (filter.disposition)
    rows.andWhere('row.disposition = :disposition', { disposition: filter.disposition });
  if (filter.direction) rows.andWhere('row.direction = :direction', { direction: filter.direction });
  if (filter.ratingStatus)
    rows.andWhere('row.ratingStatus = :ratingStatus', { ratingStatus: filter.ratingStatus });
}

/** Searching by vendor is for those who see the vendor: its tenant must be the caller's or below it. */
export async function assertVendorVisible(
  dataSource: DataSource,
  scope: TenantScope,
  vendorId: string,
): Promise<void> {
  const row = await dataSource
    .getRepository(Vendor)
    .createQueryBuilder('vendor')
    .innerJoin('tenants', 'tenant', 'tenant.id = vendor.tenant_id')
    .select('tenant.path', 'path')
    .where('vendor.id = :vendorId', { vendorId })
    .getRawOne<{ path: string }>();
  if (!row || !scope.includesTenantPath(row.path)) throw new NotFoundError('vendor');
}
