import type { CdrDisposition, CdrJobInput, CdrSource } from './cdr-job';

/** The credit pool's record of a call (structurally `CallSnapshot` of @tollgate/credit-pools). */
export interface PooledCall {
  readonly accountId: string;
  readonly callId: string;
  readonly createdAt: Date;
  readonly answeredAt: Date | null;
  readonly rate: {
    readonly currency: string;
    readonly pricePerMinute: string;
    readonly connectFee: string;
    readonly minCharge: string;
    readonly firstInterval: number;
    readonly nextInterval: number;
    readonly freeSeconds: number;
    readonly noChargeBelow: number;
    readonly rounding: { readonly mode: 'up' | 'half-up' | 'half-even' | 'down'; readonly decimals: number };
  };
  /** What authorize kept for the CDR (see planCall's `details`). */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Settled {
  readonly source: CdrSource;
  readonly endedAt: Date;
  readonly durationSeconds: number;
  /** What the pool charged, exact decimal. */
  readonly charged: string;
  readonly sipCode?: number | undefined;
  readonly endCause?: string | undefined;
  /** The vendor trunk that carried the call, when the switch said; else the first carrier authorize gave. */
  readonly vendorTrunkId?: string | undefined;
}

/** The CDR job of a call the credit pool settled, from what authorize stored with it. */
export function cdrJobOfSettledCall(call: PooledCall, settled: Settled): CdrJobInput {
  const detail = (name: string): string | null => {
    const value = call.details[name];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const firstCarrier = detail('carriers')?.split(',')[0] ?? null;
  const direction = detail('direction') === 'inbound' ? 'inbound' : 'outbound';
  return {
    source: settled.source,
    callId: call.callId,
    leg: 'a',
    accountId: call.accountId,
    lineId: detail('lineId'),
    trunkServiceId: detail('trunkServiceId'),
    didId: detail('didId'),
    direction,
    caller: detail('callerNumber'),
    destination: detail('destination') ?? '0',
    dialled: detail('dialled'),
    startedAt: call.createdAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: settled.endedAt.toISOString(),
    durationSeconds: call.answeredAt === null ? 0 : settled.durationSeconds,
    disposition: disposition(call.answeredAt !== null, settled.sipCode),
    sipCode: settled.sipCode ?? null,
    endCause: settled.endCause ?? null,
    vendorId: null,
    vendorTrunkId: direction === 'outbound' ? (settled.vendorTrunkId ?? firstCarrier) : null,
    rate: {
      prefix: detail('ratePrefix'),
      destination: detail('rateDestination'),
      ...call.rate,
      rounding: { ...call.rate.rounding },
    },
    liveCharged: settled.charged,
  };
}

function disposition(answered: boolean, sipCode: number | undefined): CdrDisposition {
  if (answered) return 'answered';
  if (sipCode === 486 || sipCode === 600) return 'busy';
  if (sipCode === 487) return 'cancelled';
  if (sipCode !== undefined && sipCode >= 400) return 'failed';
  return 'not-answered';
}
