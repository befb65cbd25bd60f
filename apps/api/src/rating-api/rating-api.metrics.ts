import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../health/metrics.controller';

@Injectable()
export class RatingApiMetrics {
  readonly decisions: Counter<'reason'>;
  readonly authorizeSeconds: Histogram;
  readonly events: Counter<'event' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.decisions = new Counter({
      name: 'tollgate_rating_authorize_decisions_total',
      help: 'authorize answers by reason (unlimited, limited-by-credit, no-credit, channel-limit…)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.authorizeSeconds = new Histogram({
      name: 'tollgate_rating_authorize_seconds',
      help: 'time to decide an authorize, catalog and credit pool included (HTTP excluded)',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers: [registry],
    });
    this.events = new Counter({
      name: 'tollgate_rating_call_events_total',
      help: 'begin, end and release posts by outcome (begun, settled, already-settled, unknown…)',
      labelNames: ['event', 'status'],
      registers: [registry],
    });
  }
}
