import { Module } from '@nestjs/common';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { CdrQueueModule } from '../cdrs/cdr-queue.module';
import { CreditPoolsModule } from '../credit-pools/credit-pools.module';
import { HealthModule } from '../health/health.module';
import { AuthorizeCallService } from './authorize-call.service';
import { CallEventsService } from './call-events.service';
import { RATING_API_SETTINGS, ratingApiSettings } from './rating-api-settings';
import { RatingApiController } from './rating-api.controller';
import { RatingApiGuard } from './rating-api.guard';
import { RatingApiMetrics } from './rating-api.metrics';

@Module({
  imports: [CreditPoolsModule, HealthModule, CdrQueueModule],
  controllers: [RatingApiController],
  providers: [
    AuthorizeCallService,
    CallEventsService,
    RatingApiGuard,
    RatingApiMetrics,
    {
      provide: RATING_API_SETTINGS,
      inject: [API_ENVIRONMENT],
      useFactory: (env: ApiEnvironment) => ratingApiSettings(env),
    },
  ],
})
export class RatingApiModule {}
