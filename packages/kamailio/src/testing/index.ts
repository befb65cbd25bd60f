// Test-only entry (`@tollgate/kamailio/testing`), kept out of the main entry so production code never
// pulls in child processes or fakes.
export {
  ensureDebianPackages,
  ensureInstalled,
  ensureKamailioInstalled,
  freeTcpPort,
  freeUdpPort,
  kamailioConfig,
  spawnGroup,
  startKamailio,
  stopGroup,
  type GroupProcess,
  type KamailioProcess,
  type KamailioProcessOptions,
} from './kamailio-process';
export { startSippCall, type SippCall, type SippCallOptions, type SippLegResult } from './sipp-call';
export {
  calleeScenario,
  callerScenario,
  registerScenario,
  type CalleeScript,
  type CallerOutcome,
  type CallerScript,
} from './sipp-scenarios';
export {
  fakeKamailioFetch,
  type FakeKamailioFetch,
  type FakeRpcReply,
  type RecordedRpcCall,
} from './fake-kamailio-fetch';
