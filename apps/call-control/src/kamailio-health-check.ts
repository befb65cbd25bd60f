import type { KamailioRpcClient } from '@tollgate/kamailio';
import type { HealthCheck } from '@tollgate/observability';

/**
 * Kamailio's JSON-RPC answers (dlg.stats_active). Optional: without it call-control keeps metering and
 * charging, but cannot end calls or reconcile dialogs, so /health says `degraded` (200) and the
 * reconciliation retries with backoff; restarting call-control would not bring Kamailio back.
 */
export function kamailioHealthCheck(kamailio: KamailioRpcClient): HealthCheck {
  return {
    name: 'kamailio',
    required: false,
    check: async () => {
      const health = await kamailio.health();
      if (!health.up) throw new Error(health.error ?? 'Kamailio JSON-RPC did not answer');
    },
  };
}
