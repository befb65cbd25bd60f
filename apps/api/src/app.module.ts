import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { dataSourceOptions } from '@tollgate/db';
import { loggerOptions } from '@tollgate/observability';
import { LoggerModule } from 'nestjs-pino';
import { API_ENVIRONMENT, type ApiEnvironment } from './api-environment';
import { HealthModule } from './health/health.module';
import { RedisModule } from './redis/redis.module';

const QUIET_PATHS = new Set(['/health', '/metrics']);

@Module({})
export class AppModule {
  static forEnvironment(env: ApiEnvironment): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions('api', env.LOG_LEVEL),
            autoLogging: { ignore: (request) => QUIET_PATHS.has((request.url ?? '').split('?')[0] ?? '') },
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(env.DATABASE_URL, 'tollgate-api'), retryAttempts: 0 }),
        PrometheusModule.register({
          path: '/metrics',
          defaultMetrics: { enabled: true, config: { prefix: 'tollgate_' } },
        }),
        RedisModule,
        HealthModule,
      ],
      providers: [{ provide: API_ENVIRONMENT, useValue: env }],
      exports: [API_ENVIRONMENT],
    };
  }
}
