'use server';

import type { TollgateClient } from '@tollgate/sdk';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formErrorsOf } from '../../lib/api-errors';
import { CATALOG_FIELDS, type CatalogResource } from '../../lib/catalog-fields';
import { bodyOf, typedValues } from '../../lib/catalog-forms';
import { api, requireArea } from '../../lib/session';
import type { CatalogFormState } from '../ui/catalog-form';

interface Answer {
  data?: { id: string };
  error?: unknown;
  response: Response;
}

/** Where each resource is written at the API, and the page to show once it is. */
const WRITERS: Record<
  CatalogResource,
  {
    create(client: TollgateClient, body: never, parentId: string): Promise<Answer>;
    update(client: TollgateClient, id: string, body: never, parentId: string): Promise<Answer>;
    page(area: string, id: string, parentId: string): string;
  }
> = {
  rateCard: {
    create: (client, body) => client.POST('/rate-cards', { body }),
    update: (client, id, body) => client.PATCH('/rate-cards/{id}', { params: { path: { id } }, body }),
    page: (area, id) => `/${area}/rate-cards/${id}`,
  },
  routingPlan: {
    create: (client, body) => client.POST('/routing-plans', { body }),
    update: (client, id, body) => client.PATCH('/routing-plans/{id}', { params: { path: { id } }, body }),
    page: (area, id) => `/${area}/routing-plans/${id}`,
  },
  vendor: {
    create: (client, body) => client.POST('/vendors', { body }),
    update: (client, id, body) => client.PATCH('/vendors/{id}', { params: { path: { id } }, body }),
    page: (area, id) => `/${area}/vendors/${id}`,
  },
  trunk: {
    create: (client, body, vendorId) =>
      client.POST('/vendors/{id}/trunks', { params: { path: { id: vendorId } }, body }),
    update: (client, trunkId, body, vendorId) =>
      client.PATCH('/vendors/{id}/trunks/{trunkId}', { params: { path: { id: vendorId, trunkId } }, body }),
    page: (area, _id, vendorId) => `/${area}/vendors/${vendorId}`,
  },
  servicePlan: {
    create: (client, body) => client.POST('/service-plans', { body }),
    update: (client, id, body) => client.PATCH('/service-plans/{id}', { params: { path: { id } }, body }),
    page: (area) => `/${area}/service-plans`,
  },
  serviceTemplate: {
    create: (client, body) => client.POST('/service-templates', { body }),
    update: (client, id, body) => client.PATCH('/service-templates/{id}', { params: { path: { id } }, body }),
    page: (area) => `/${area}/service-templates`,
  },
  service: {
    create: (client, body) => client.POST('/services', { body }),
    update: (client, id, body) => client.PATCH('/services/{id}', { params: { path: { id } }, body }),
    page: (area) => `/${area}/services`,
  },
  routingRule: {
    create: (client, body, planId) =>
      client.POST('/routing-plans/{id}/prefixes', { params: { path: { id: planId } }, body }),
    update: (client, prefixId, body, planId) =>
      client.PATCH('/routing-plans/{id}/prefixes/{prefixId}', {
        params: { path: { id: planId, prefixId } },
        body,
      }),
    page: (area, _id, planId) => `/${area}/routing-plans/${planId}`,
  },
  routingVendor: {
    create: (client, body, planId) =>
      client.POST('/routing-plans/{id}/vendors', { params: { path: { id: planId } }, body }),
    update: (client, assignmentId, body, planId) =>
      client.PATCH('/routing-plans/{id}/vendors/{assignmentId}', {
        params: { path: { id: planId, assignmentId } },
        body,
      }),
    page: (area, _id, planId) => `/${area}/routing-plans/${planId}`,
  },
  domain: {
    create: (client, body) => client.POST('/domains', { body }),
    update: (client, id, body) => client.PATCH('/domains/{id}', { params: { path: { id } }, body }),
    page: (area) => `/${area}/domains`,
  },
};

/**
 * Creates (no `id`) or updates one catalog object from its form. A refusal keeps what was typed and
 * puts the API's reasons under their fields; success goes to the object's page (or its list).
 */
export async function saveCatalogObject(
  area: string,
  resource: CatalogResource,
  id: string | null,
  parentId: string,
  _previous: CatalogFormState,
  form: FormData,
): Promise<CatalogFormState> {
  await requireArea(area);
  const client = await api();
  const writer = WRITERS[resource];
  const body = bodyOf(CATALOG_FIELDS[resource], form, id !== null) as never;
  const { data, error, response } = id
    ? await writer.update(client, id, body, parentId)
    : await writer.create(client, body, parentId);
  if (response.status === 401) redirect('/session-expired');
  if (!data) return { errors: formErrorsOf(error, response.status), values: typedValues(form) };
  const target = writer.page(area, data.id, parentId);
  revalidatePath(target);
  redirect(`${target}?${id ? 'saved' : 'created'}=1`);
}

const REMOVERS = {
  routingRule: (client: TollgateClient, planId: string, prefixId: string) =>
    client.DELETE('/routing-plans/{id}/prefixes/{prefixId}', { params: { path: { id: planId, prefixId } } }),
  routingVendor: (client: TollgateClient, planId: string, assignmentId: string) =>
    client.DELETE('/routing-plans/{id}/vendors/{assignmentId}', {
      params: { path: { id: planId, assignmentId } },
    }),
  trunk: (client: TollgateClient, vendorId: string, trunkId: string) =>
    client.DELETE('/vendors/{id}/trunks/{trunkId}', { params: { path: { id: vendorId, trunkId } } }),
};

const PARENT_PAGES: Record<keyof typeof REMOVERS, string> = {
  routingRule: 'routing-plans',
  routingVendor: 'routing-plans',
  trunk: 'vendors',
};

/** Removes a part of a plan or vendor (a prefix rule, a vendor of the plan, a trunk), then shows its page. */
export async function removeCatalogPart(
  area: string,
  part: keyof typeof REMOVERS,
  parentId: string,
  id: string,
): Promise<void> {
  await requireArea(area);
  const { response } = await REMOVERS[part](await api(), parentId, id);
  if (response.status === 401) redirect('/session-expired');
  const page = `/${area}/${PARENT_PAGES[part]}/${parentId}`;
  revalidatePath(page);
  redirect(`${page}?${response.ok ? 'removed' : 'notRemoved'}=1`);
}
