import type { TollgateClient } from '@tollgate/sdk';
import { mustRead } from '../../../lib/session';

export type Option = { value: string; label: string };

// The choices of the catalog's forms: the first 200 of each (sorted by name), enough for a select.

export async function rateCardOptions(client: TollgateClient, kind: 'sell' | 'buy'): Promise<Option[]> {
  const cards = await mustRead(
    client.GET('/rate-cards', { params: { query: { limit: 200, sort: 'name', order: 'asc', kind } } }),
  );
  return cards.data.map((card) => ({ value: card.id, label: `${card.name} (${card.currency})` }));
}

export async function routingPlanOptions(client: TollgateClient): Promise<Option[]> {
  const plans = await mustRead(
    client.GET('/routing-plans', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } }),
  );
  return plans.data.map((plan) => ({ value: plan.id, label: plan.name }));
}

export async function vendorOptions(client: TollgateClient): Promise<Option[]> {
  const vendors = await mustRead(
    client.GET('/vendors', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } }),
  );
  return vendors.data.map((vendor) => ({ value: vendor.id, label: `${vendor.name} (${vendor.currency})` }));
}

export async function servicePlanOptions(client: TollgateClient): Promise<Option[]> {
  const plans = await mustRead(
    client.GET('/service-plans', { params: { query: { limit: 200, sort: 'name', order: 'asc' } } }),
  );
  return plans.data
    .filter((plan) => plan.active)
    .map((plan) => ({ value: plan.id, label: `${plan.name} (${plan.currency})` }));
}

export async function templateOptions(client: TollgateClient): Promise<Option[]> {
  const templates = await mustRead(client.GET('/service-templates', { params: { query: { limit: 200 } } }));
  return templates.data
    .filter((template) => template.active)
    .map((template) => ({ value: template.id, label: template.name }));
}

/** Who may own a new catalog object: the caller's tenant, or a reseller below it. */
export async function tenantOptions(client: TollgateClient): Promise<Option[]> {
  const resellers = await mustRead(
    client.GET('/resellers', { params: { query: { limit: 200, sort: 'name' } } }),
  );
  return [
    { value: '', label: 'My own' },
    ...resellers.data.map((reseller) => ({ value: reseller.id, label: `Reseller: ${reseller.name}` })),
  ];
}

export const NONE: Option = { value: '', label: 'None' };
