import { Injectable } from '@nestjs/common';
import { Holiday } from '@tollgate/db';
import type { Actor } from '../audit/actor';
import { registerUniqueFields } from '../http/unique-violations';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { CreateHolidayDto, ListHolidaysQueryDto, UpdateHolidayDto } from './dto/holiday.dto';
import { HOLIDAYS } from './rate-card-resources';

registerUniqueFields({ holidays_tenant_id_date_key: 'date' });

/** A tenant's public holidays, which rate periods may apply on only, or never on. */
@Injectable()
export class HolidaysService {
  private readonly holidays: TenantResource<Holiday>;

  constructor(resources: TenantResources) {
    this.holidays = resources.of(Holiday, HOLIDAYS);
  }

  list(actor: Actor, query: ListHolidaysQueryDto) {
    return this.holidays.list(actor, query, (rows) => {
      if (query.from) rows.andWhere('row.date >= :from', { from: query.from });
      if (query.to) rows.andWhere('row.date <= :to', { to: query.to });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.holidays.get(actor, id);
  }

  create(actor: Actor, input: CreateHolidayDto) {
    return this.holidays.create(actor, input);
  }

  update(actor: Actor, id: string, input: UpdateHolidayDto) {
    return this.holidays.update(actor, id, input);
  }

  remove(actor: Actor, id: string) {
    return this.holidays.remove(actor, id);
  }
}
