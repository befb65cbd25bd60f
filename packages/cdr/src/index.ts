export {
  CALL_DIRECTIONS,
  CDR_DISPOSITIONS,
  CDR_JOB_OPTIONS,
  CDR_QUEUE,
  CDR_SOURCES,
  cdrJobId,
  cdrJobSchema,
  cdrMonth,
  rateSnapshotSchema,
  type CallDirection,
  type CdrDisposition,
  type CdrJob,
  type CdrJobInput,
  type CdrSource,
  type RateSnapshot,
} from './cdr-job';
export {
  CDR_BATCH_JOB_NAME,
  CDR_JOB_NAME,
  MAX_CDRS_PER_JOB,
  CdrHandOverBuffer,
  cdrBatchJobId,
  cdrQueueEntries,
  cdrsOfJobData,
  isCdrBatchJobData,
  singleCdrJobIdOf,
  type CdrBatchJobData,
  type CdrQueueEntry,
} from './cdr-queue-jobs';
export {
  LEDGER_DECIMALS,
  rateCallLevels,
  type CallAtLevels,
  type LevelKind,
  type PricingLevel,
  type RatedCallLevels,
  type RatedLevel,
  type RateUsed,
} from './rate-call-levels';
export { cdrLedgerKey, cdrRerateLedgerKey, visibleLevels, type LevelVisibility } from './cdr-levels';
export {
  chargeChanges,
  levelInRerateScope,
  rerateLevels,
  type ChargeChange,
  type RerateMode,
  type RerateRule,
} from './rerate-levels';
export { cdrJobOfSettledCall, type PooledCall, type Settled } from './settled-call';
export {
  CDR_RERATING_JOB_OPTIONS,
  CDR_RERATING_QUEUE,
  cdrReratingJobId,
  cdrReratingJobSchema,
  type CdrReratingJob,
} from './cdr-rerating-job';
export {
  CDR_FILE_FIELDS,
  CDR_FILE_FORMATS,
  GENERIC_CDR_COLUMNS,
  KAMAILIO_ACC_COLUMNS,
  dispositionOfSipCode,
  parseTime,
  switchCdrReader,
  type CdrFileField,
  type CdrFileFormat,
  type CdrFileMapping,
  type CdrFileProblem,
  type CdrIdentity,
  type SwitchCdr,
  type SwitchCdrReader,
  type SwitchCdrRow,
} from './switch-cdr-row';
export {
  ACCOUNT_PARTIES_SQL,
  splitPath,
  TENANT_PARTIES_SQL,
  tenantPartyOf,
  TRUNK_VENDORS_SQL,
  VENDOR_PARTIES_SQL,
  type AccountParty,
  type TenantParty,
  type VendorParty,
} from './call-parties';
export {
  cardIdsOf,
  pricingLevelsOf,
  ratingInstantOf,
  type CallToPrice,
  type CardLookup,
  type PricingParties,
} from './pricing-levels';
export {
  compileRateCard,
  HOLIDAYS_OF_TENANT_SQL,
  PERIODS_OF_CARD_SQL,
  RATE_CARD_SQL,
  RATE_ROWS_SQL,
  type CachedCard,
  type PeriodRow,
  type RateCardRow,
  type RateRow,
} from './rate-card-rows';
