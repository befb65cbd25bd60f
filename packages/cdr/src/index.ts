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
  type CdrDisposition,
  type CdrJob,
  type CdrJobInput,
  type CdrSource,
  type RateSnapshot,
} from './cdr-job';
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
