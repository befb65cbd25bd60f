import { Injectable } from '@nestjs/common';
import { RateCard, RateCardKind, Vendor, VendorTrunk } from '@tollgate/db';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { BadRequestError } from '../http/domain-errors';
import { registerUniqueFields } from '../http/unique-violations';
import { escapeLike } from '../tenancy/like-pattern';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { CreateVendorDto, ListVendorsQueryDto, UpdateVendorDto } from './dto/vendor.dto';
import { RATE_CARDS, VENDORS, VENDOR_TRUNKS } from './vendor-resources';

registerUniqueFields({ vendors_tenant_id_name_key: 'name' });

/** The terms the buy rate card must fit: the vendor's tenant and currency. */
interface VendorTerms {
  tenantId: string;
  currency: string;
  buyRateCardId: string | null;
}

/** Carriers and their buy rate card. Deleting a vendor deletes its trunks with it (both kept for history). */
@Injectable()
export class VendorsService {
  private readonly vendors: TenantResource<Vendor>;
  private readonly trunks: TenantResource<VendorTrunk>;
  private readonly cards: TenantResource<RateCard>;

  constructor(
    resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {
    this.vendors = resources.of(Vendor, VENDORS);
    this.trunks = resources.of(VendorTrunk, VENDOR_TRUNKS);
    this.cards = resources.of(RateCard, RATE_CARDS);
  }

  list(actor: Actor, query: ListVendorsQueryDto) {
    return this.vendors.list(actor, query, (rows) => {
      if (query.search) rows.andWhere('row.name ILIKE :search', { search: `%${escapeLike(query.search)}%` });
      if (query.enabled !== undefined) rows.andWhere('row.enabled = :enabled', { enabled: query.enabled });
      if (query.currency) rows.andWhere('row.currency = :currency', { currency: query.currency });
      if (query.buyRateCardId)
        rows.andWhere('row.buyRateCardId = :buyRateCardId', { buyRateCardId: query.buyRateCardId });
      if (query.tenantId) rows.andWhere('row.tenantId = :tenantId', { tenantId: query.tenantId });
    });
  }

  get(actor: Actor, id: string) {
    return this.vendors.get(actor, id);
  }

  create(actor: Actor, input: CreateVendorDto) {
    const tenantId = input.tenantId ?? actor.scope.tenantId;
    return this.vendors.create(actor, { ...input, tenantId }, (manager) =>
      this.assertBuyRateCard(actor, manager, { ...input, tenantId }),
    );
  }

  update(actor: Actor, id: string, input: UpdateVendorDto) {
    return this.vendors.update(actor, id, input, async (manager, current) => {
      if (input.buyRateCardId !== undefined || input.currency !== undefined)
        await this.assertBuyRateCard(actor, manager, { ...current, ...input });
    });
  }

  remove(actor: Actor, id: string) {
    return this.vendors.remove(actor, id, (manager) => this.removeTrunks(actor, manager, id));
  }

  /** 404 for a card the caller cannot see; 400 for one of another kind, tenant or currency. */
  private async assertBuyRateCard(actor: Actor, manager: EntityManager, terms: VendorTerms): Promise<void> {
    if (terms.buyRateCardId === null) return;
    const card = await this.cards.repository(actor, manager).findById(terms.buyRateCardId);
    const problem =
      card.kind !== RateCardKind.Buy
        ? 'must be a buy rate card'
        : card.tenantId !== terms.tenantId
          ? "must be a rate card of the vendor's own tenant"
          : card.currency !== terms.currency
            ? `the rate card is in ${card.currency}, the vendor bills in ${terms.currency}`
            : null;
    if (problem) throw new BadRequestError(problem, 'buyRateCardId');
  }

  private async removeTrunks(actor: Actor, manager: EntityManager, vendorId: string): Promise<void> {
    const trunks = await this.trunks
      .repository(actor, manager)
      .query()
      .andWhere('row.vendorId = :vendorId', { vendorId })
      .getMany();
    for (const trunk of trunks) {
      await manager.getRepository(VendorTrunk).softDelete({ id: trunk.id });
      await this.audit.record(manager, actor, {
        action: 'vendor_trunk.delete',
        entityType: 'vendor_trunk',
        entityId: trunk.id,
        tenantId: trunk.tenantId,
        before: trunk,
      });
    }
  }
}
