export {
  KamailioRpcClient,
  type EndDialogOutcome,
  type HangupReason,
  type KamailioHealth,
  type KamailioRpcClientOptions,
} from './kamailio-rpc-client';
export {
  DialogState,
  type ActiveDialogStats,
  type Dialog,
  type DialogId,
  type DialogProfileEntry,
  type DialogSipId,
} from './dialog';
export {
  DialogNotFoundError,
  KamailioRpcError,
  KamailioUnreachableError,
  MALFORMED_RESPONSE,
} from './errors';
