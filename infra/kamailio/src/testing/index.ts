// The end-to-end kit of the platform's Kamailio, for its suite and bench/sip-calls.bench.ts.
export { startApi, type ApiProcess, type ApiProcessOptions } from './api-process';
export { loginToApi, succeeded } from './operator-api';
export {
  KAMAILIO_PACKAGES,
  PLATFORM_KAMAILIO_CFG,
  startPlatformKamailio,
  type PlatformKamailio,
  type PlatformKamailioOptions,
} from './platform-kamailio';
export { startSipp, type SippOptions, type SippProcess, type SippResult } from './sipp-process';
