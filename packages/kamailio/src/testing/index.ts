// Test-only entry (`@tollgate/kamailio/testing`), kept out of the main entry so production code never
// pulls in child processes or fakes.
export {
  ensureInstalled,
  ensureKamailioInstalled,
  freeTcpPort,
  freeUdpPort,
  kamailioConfig,
  startKamailio,
  type KamailioProcess,
  type KamailioProcessOptions,
} from './kamailio-process';
export { startSippCall, type SippCall, type SippCallOptions, type SippLegResult } from './sipp-call';
export {
  fakeKamailioFetch,
  type FakeKamailioFetch,
  type FakeRpcReply,
  type RecordedRpcCall,
} from './fake-kamailio-fetch';
