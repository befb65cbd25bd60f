import type { EntityManager } from 'typeorm';
import type { Tenant } from '../entities';

/** The two tenants of the demo: the operator itself and the reseller below it. */
export type DemoTenant = 'owner' | 'reseller';

/** What the demo files refer to each other by: names, resolved to ids as rows are inserted. */
export type DemoRowKind =
  | 'user'
  | 'domain'
  | 'rateCard'
  | 'ratePeriod'
  | 'vendor'
  | 'routingPlan'
  | 'servicePlan'
  | 'serviceTemplate'
  | 'account';

/** Ids of the inserted rows by kind and name, so the data files can say `plan: 'Business Flex'`. */
export class DemoIds {
  private readonly ids = new Map<string, string>();

  set(kind: DemoRowKind, name: string, id: string): void {
    const key = `${kind}:${name}`;
    if (this.ids.has(key)) throw new Error(`demo seed: two ${kind} rows are named "${name}"`);
    this.ids.set(key, id);
  }

  get(kind: DemoRowKind, name: string): string {
    const id = this.ids.get(`${kind}:${name}`);
    if (!id) throw new Error(`demo seed: no ${kind} named "${name}"`);
    return id;
  }
}

/** Everything the insert functions share: the transaction, the tenants, the ids so far and "now". */
export interface DemoContext {
  manager: EntityManager;
  tenants: Record<DemoTenant, Tenant>;
  ids: DemoIds;
  /** The instant the seed runs: relative dates (next month, days ago) are computed from it. */
  now: Date;
}

/** The tenant id of a demo tenant. */
export function tenantId(context: DemoContext, tenant: DemoTenant): string {
  return context.tenants[tenant].id;
}
