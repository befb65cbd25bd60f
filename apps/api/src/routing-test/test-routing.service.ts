import { Injectable } from '@nestjs/common';
import { Account } from '@tollgate/db';
import { normalizeDestination, type Rate } from '@tollgate/rating';
import type { Actor } from '../audit/actor';
import { RatingCatalog } from '../rating-catalog/rating-catalog';
import { routeOutbound } from '../rating-api/plan-call';
import { TenantResources } from '../tenancy/tenant-resources';
import { ForbiddenError, NotFoundError } from '../http/domain-errors';
import type { RoutingTestDto } from './dto/routing-test.dto';

type RoutingTest = RoutingTestDto;

/**
 * What authorize would do with a call of the account to a number (credit and channel limits aside):
 * the sell rate, the routing plan's vendors in order with their cost and margin, and why each other
 * vendor was left out. It answers from the same in-memory catalog and the same code as authorize.
 */
@Injectable()
export class TestRoutingService {
  private readonly accounts;

  constructor(
    resources: TenantResources,
    private readonly catalog: RatingCatalog,
  ) {
    this.accounts = resources.of(Account, {
      label: 'account',
      entityType: 'account',
      endUserColumn: 'id',
      deletion: 'soft',
    });
  }

  async test(actor: Actor, accountId: string, number: string, at = new Date()): Promise<RoutingTest> {
    await this.accounts.get(actor, accountId);
    // Vendors' costs and margins are the operator's business, never its customers'.
    if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot see routing and vendor costs');
    const snapshot = this.catalog.current;
    // Created in the last second: the catalog has not loaded it yet.
    const account = snapshot.account(accountId);
    if (account === undefined) throw new NotFoundError('account');
    const digits = normalizeDestination(number);
    const empty = {
      accountId,
      sellRate: null,
      routingPlan: null,
      hiddenVendors: 0,
      vendors: [],
      excluded: [],
    };
    if (digits === undefined) return { ...empty, destination: null, routable: false, refusal: 'no-rate' };
    const routed = routeOutbound(snapshot, account, digits, at, `routing-test:${accountId}`);
    if (typeof routed === 'string') {
      const card = snapshot.sellCardFor(account);
      const sell = card?.lookupDigits(digits, at.getTime());
      return {
        ...empty,
        destination: digits,
        routable: false,
        refusal: routed,
        sellRate: sell ? rateView(sell) : null,
      };
    }
    const { rate, routing, route, ordering, used } = routed;
    const names = new Map(route.vendors.map((vendor) => [vendor.id, vendor.vendor.name]));
    const usedIds = new Set(used.map((vendor) => vendor.id));
    const full = {
      accountId,
      destination: digits,
      routable: true,
      refusal: null,
      sellRate: rateView(rate),
      routingPlan: {
        id: routing.id,
        name: routing.name,
        strategy: route.strategy,
        matchedPrefix: route.matchedPrefix,
        maxVendors: routing.maxVendors,
      },
      vendors: ordering.routes
        .filter((priced) => usedIds.has(priced.vendor.id))
        .map((priced) => {
          const { vendor } = used.find((candidate) => candidate.id === priced.vendor.id)!;
          return {
            vendorId: vendor.id,
            name: vendor.name,
            rate: rateView(priced.rate),
            cost: priced.cost.toString(),
            margin: priced.margin?.toString() ?? null,
            gateways: vendor.trunks.map((trunk) => ({
              trunkId: trunk.id,
              uri: routed.carriers.find((carrier) => carrier.trunkId === trunk.id)!.uri,
              timeoutSeconds: trunk.timeoutSeconds,
            })),
          };
        }),
      excluded: [
        ...ordering.excluded.map((excluded) => ({
          vendorId: excluded.vendorId,
          name: names.get(excluded.vendorId) ?? '',
          reason: excluded.reason,
        })),
        ...ordering.routes
          .filter((priced) => !usedIds.has(priced.vendor.id))
          .map((priced) => ({
            vendorId: priced.vendor.id,
            name: names.get(priced.vendor.id) ?? '',
            reason: 'beyond-max-vendors' as const,
          })),
        ...route.unpriced.map((vendor) => ({
          vendorId: vendor.id,
          name: vendor.name,
          reason: 'no-buy-card' as const,
        })),
      ],
    };
    // A reseller's accounts may be routed over its provider's carriers: their names, gateways and costs
    // are the provider's business, so the reseller is told how many there are, not which.
    const tenantOfVendor = new Map(
      [...route.vendors.map((offered) => offered.vendor), ...route.unpriced].map((vendor) => [
        vendor.id,
        vendor.tenantId,
      ]),
    );
    const inScope = ({ vendorId }: { vendorId: string }): boolean => {
      const tenant = snapshot.tenant(tenantOfVendor.get(vendorId) ?? '');
      return tenant !== undefined && actor.scope.includesTenantPath(tenant.path);
    };
    const vendors = full.vendors.filter(inScope);
    const excluded = full.excluded.filter(inScope);
    const hiddenVendors = full.vendors.length + full.excluded.length - vendors.length - excluded.length;
    return { ...full, hiddenVendors, vendors, excluded };
  }
}

function rateView(rate: Rate) {
  return {
    prefix: rate.prefix,
    destination: rate.destination ?? null,
    pricePerMinute: rate.pricePerMinute.toString(),
    connectFee: rate.connectFee.toString(),
    firstInterval: rate.firstInterval,
    nextInterval: rate.nextInterval,
    currency: rate.currency,
  };
}
