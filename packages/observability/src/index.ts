export { createLogger, loggerOptions, type Logger } from './logger';
export { createMetricsRegistry } from './metrics';
export {
  postgresHealthCheck,
  redisHealthCheck,
  runHealthChecks,
  type HealthCheck,
  type HealthReport,
} from './health';
export { probeServerPort, startProbeServer, type ProbeServerOptions } from './probe-server';
export { stopOnSignals } from './worker-lifecycle';
