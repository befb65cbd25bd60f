import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export class CallControlMetrics {
  readonly passSeconds: Histogram;
  readonly livePools: Gauge;
  readonly poolsMetered: Counter;
  readonly callsMetered: Counter;
  readonly meterFailures: Counter;
  readonly callsEnded: Counter<'reason' | 'outcome'>;
  readonly kamailioFailures: Counter;
  readonly reconciliations: Counter;
  readonly callsReconciled: Counter<'outcome'>;
  readonly shutdownEventFailures: Counter;
  readonly kamailioUp: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.passSeconds = new Histogram({
      name: 'tollgate_call_control_metering_pass_seconds',
      help: 'time to meter every live pool once',
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2],
      registers,
    });
    this.livePools = new Gauge({
      name: 'tollgate_call_control_live_pools',
      help: 'pools with open calls being metered',
      registers,
    });
    this.poolsMetered = new Counter({
      name: 'tollgate_call_control_pools_metered_total',
      help: 'metering passes over one pool',
      registers,
    });
    this.callsMetered = new Counter({
      name: 'tollgate_call_control_calls_metered_total',
      help: 'answered calls metered (one per call per pass)',
      registers,
    });
    this.meterFailures = new Counter({
      name: 'tollgate_call_control_meter_failures_total',
      help: 'pools whose metering failed (Redis error, call beyond exact pricing)',
      registers,
    });
    this.callsEnded = new Counter({
      name: 'tollgate_call_control_calls_ended_total',
      help: 'requests to Kamailio to end a call, by reason and outcome (ended, not-found, rpc-failed)',
      labelNames: ['reason', 'outcome'],
      registers,
    });
    this.kamailioFailures = new Counter({
      name: 'tollgate_call_control_kamailio_failures_total',
      help: 'Kamailio JSON-RPC requests that failed (unreachable, timeout, error)',
      registers,
    });
    this.reconciliations = new Counter({
      name: 'tollgate_call_control_reconciliations_total',
      help: "passes comparing Kamailio's dialogs with the live calls",
      registers,
    });
    this.callsReconciled = new Counter({
      name: 'tollgate_call_control_calls_reconciled_total',
      help: 'closed: gone from Kamailio without an end, settled; unknown-ended / unknown-reported: dialogs billing did not know',
      labelNames: ['outcome'],
      registers,
    });
    this.shutdownEventFailures = new Counter({
      name: 'tollgate_call_control_shutdown_event_failures_total',
      help: 'calls ended whose call-shutdown event could not be queued',
      registers,
    });
    this.kamailioUp = new Gauge({
      name: 'tollgate_call_control_kamailio_up',
      help: "1 when Kamailio's JSON-RPC answered the last reconciliation, 0 when it did not",
      registers,
    });
  }
}
