import type { TollgateClient } from '@tollgate/sdk';

/**
 * Where a rate card stands today: rates in force now, rates that start later (a scheduled deck), or
 * none. Read from the card's rates: one in force now, and the one that starts last.
 */
export interface RateCardState {
  state: 'active' | 'scheduled' | 'empty';
  /** The latest start still to come, when a change is scheduled. */
  nextChangeAt: string | null;
}

export async function readRateCardState(
  client: TollgateClient,
  cardId: string,
  now = new Date(),
): Promise<RateCardState | null> {
  const path = { id: cardId };
  const [inForce, latest] = await Promise.all([
    client.GET('/rate-cards/{id}/rates', {
      params: { path, query: { limit: 1, activeAt: now.toISOString() } },
    }),
    client.GET('/rate-cards/{id}/rates', {
      params: { path, query: { limit: 1, sort: 'effectiveFrom', order: 'desc' } },
    }),
  ]);
  if (!inForce.data || !latest.data) return null;
  return rateCardStateOf(inForce.data.data.length > 0, latest.data.data[0]?.effectiveFrom ?? null, now);
}

export function rateCardStateOf(hasRatesNow: boolean, lastStart: string | null, now: Date): RateCardState {
  const nextChangeAt = lastStart && new Date(lastStart) > now ? lastStart : null;
  if (hasRatesNow) return { state: 'active', nextChangeAt };
  return { state: nextChangeAt ? 'scheduled' : 'empty', nextChangeAt };
}
