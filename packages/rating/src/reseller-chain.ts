import { type Money } from './money';
import { type CallToRate, type RateCard, type RatedCall } from './rate-card';

/** One price list in the chain, e.g. `customer`, `reseller:acme`, `vendor:carrier-x`. */
export interface ChainLevel {
  id: string;
  /** The card this level's price is read from (each applies its own pulses, fees and rounding). */
  card: RateCard;
}

export interface ChainLevelCost {
  readonly id: string;
  /** Undefined when the level's card has no rate for the call. */
  readonly cost: RatedCall | undefined;
}

/** What the party between two adjacent levels earns: the upper level's total minus the lower one's. */
export interface ChainMargin {
  readonly sellLevel: string;
  readonly buyLevel: string;
  /** Undefined when either cost is missing or their currencies differ. */
  readonly amount: Money | undefined;
}

export interface ResellerChainCost {
  /** In the order given: customer price first, vendor cost last. */
  readonly levels: readonly ChainLevelCost[];
  readonly margins: readonly ChainMargin[];
  /** Every level has a rate. */
  readonly complete: boolean;
}

/** Rates the same call at every level of a reseller chain, ordered from the customer down to the vendor. */
export function rateResellerChain(call: CallToRate, levels: readonly ChainLevel[]): ResellerChainCost {
  const costs = levels.map((level) => ({ id: level.id, cost: level.card.rateCall(call) }));
  const margins = costs.slice(1).map((buy, i): ChainMargin => {
    const sell = costs[i] as ChainLevelCost;
    return { sellLevel: sell.id, buyLevel: buy.id, amount: marginOf(sell.cost, buy.cost) };
  });
  return { levels: costs, margins, complete: costs.every((level) => level.cost !== undefined) };
}

function marginOf(sell: RatedCall | undefined, buy: RatedCall | undefined): Money | undefined {
  return sell && buy && sell.currency === buy.currency ? sell.total.minus(buy.total) : undefined;
}
