import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@tollgate/db';
import { loggerOptions } from '@tollgate/observability';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import { API_ENVIRONMENT, type ApiEnvironment } from './api-environment';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { ApiErrorFilter } from './http/api-error.filter';
import { RedisModule } from './redis/redis.module';
import { ResellersModule } from './resellers/resellers.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { DomainsModule } from './domains/domains.module';

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
        RedisModule,
        HealthModule,
        AuthModule,
        AuditModule,
        TenancyModule,
        DomainsModule,
        ResellersModule,
      ],
      providers: [
        { provide: API_ENVIRONMENT, useValue: env },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
      ],
      exports: [API_ENVIRONMENT],
    };
  }
}
