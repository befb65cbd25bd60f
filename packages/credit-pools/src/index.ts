export {
  rateOfSnapshot,
  reservationFingerprint,
  scriptTerms,
  type CallRate,
  type RateTermsSnapshot,
} from './call-terms';
export * from './credit-pool.types';
export { CreditPools, type CallChargeRequest, type CreditPoolOptions } from './credit-pools';
export { fromMicro, toMicro } from './micro-units';
export {
  accountOfOpenIndexKey,
  callControlStatsKey,
  callKey,
  callsBegunChannel,
  openIndexPattern,
  poolKeys,
  type PoolKeys,
} from './pool-keys';
export { callCommandsStream, decodeCallCommand, encodeCallCommand, type CallCommand } from './call-commands';
export {
  CALL_SHUTDOWN_QUEUE,
  callShutdownJobId,
  readCallShutdownEvent,
  type CallShutdownEvent,
  type CallShutdownReason,
} from './call-shutdown';
