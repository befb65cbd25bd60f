import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
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
import { RatingApiRoutes } from './rating-api.routes';

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
export class RatingApiModule implements OnApplicationBootstrap {
  private readonly routes: RatingApiRoutes;

  // Modules are built before app.init() registers the routes, so the hook sees the controller's.
  constructor(
    adapterHost: HttpAdapterHost,
    guard: RatingApiGuard,
    authorizer: AuthorizeCallService,
    events: CallEventsService,
  ) {
    this.routes = new RatingApiRoutes(guard, authorizer, events);
    this.routes.install(adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }

  onApplicationBootstrap(): void {
    this.routes.assertInstalled();
  }
}
