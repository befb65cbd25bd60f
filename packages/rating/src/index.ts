export { Money, type DecimalValue, type Rounding, type RoundingMode } from './money';
export { pulsedSeconds } from './pulses';
export { createRate, MAX_PREFIX_LENGTH, type Rate, type RateInput } from './rate';
export { normalizeDestination, type NormalizeOptions } from './normalize-destination';
export {
  PeriodSchedule,
  type PeriodDefinition,
  type PeriodScheduleInput,
  type PeriodSegment,
  type TimeWindow,
  type Weekday,
} from './periods';
export { PrefixIndex } from './prefix-lookup';
export { TimeZoneClock } from './time-zone';
export { callCost, type CallCost, type CostPart } from './call-cost';
export { rateTariff, type Tariff } from './tariff';
export { RateCard, type CallToRate, type RateCardInput, type RatedCall } from './rate-card';
export {
  DEFAULT_MAX_SECONDS,
  maxDuration,
  poolMaxDuration,
  tariffMaxDuration,
  type MaxDurationOptions,
  type PoolCall,
  type PoolMaxDuration,
} from './max-duration';
export {
  orderVendors,
  type ExclusionReason,
  type MarginGuard,
  type RoutingStrategy,
  type Vendor,
  type VendorExclusion,
  type VendorOrdering,
  type VendorOrderingRequest,
  type VendorRoute,
} from './vendor-ordering';
export {
  rateResellerChain,
  type ChainLevel,
  type ChainLevelCost,
  type ChainMargin,
  type ResellerChainCost,
} from './reseller-chain';
export {
  calendarMonth,
  periodContaining,
  previousPeriod,
  recurringFeesDue,
  RECURRING_FEE_DECIMALS,
  type BillingPeriod,
  type RecurrenceKind,
  type RecurringFeeDue,
  type Subscription,
} from './billing-periods';
