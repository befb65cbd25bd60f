import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { createMetricsRegistry } from '@tollgate/observability';
import { HealthController } from './health.controller';
import { METRICS_REGISTRY, MetricsController } from './metrics.controller';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [
    RedisHealthIndicator,
    { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry('api') },
  ],
  exports: [METRICS_REGISTRY],
})
export class HealthModule {}
