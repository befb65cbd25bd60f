import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
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
import { TenancyModule } from './tenancy/tenancy.module';
import { DomainsModule } from './domains/domains.module';
import { AccountsModule } from './accounts/accounts.module';
import { LinesModule } from './lines/lines.module';
import { UsersModule } from './users/users.module';
import { ResellersModule } from './resellers/resellers.module';
import { RateCardsModule } from './rate-cards/rate-cards.module';
import { VendorsModule } from './vendors/vendors.module';
import { ServicePlansModule } from './service-plans/service-plans.module';
import { ServiceTemplatesModule } from './service-templates/service-templates.module';
import { ServicesModule } from './services/services.module';
import { RoutingPlansModule } from './routing-plans/routing-plans.module';
import { LedgerModule } from './ledger/ledger.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { BannedIpsModule } from './banned-ips/banned-ips.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { SettingsModule } from './settings/settings.module';
import { CreditPoolsModule } from './credit-pools/credit-pools.module';
import { RatingCatalogModule } from './rating-catalog/rating-catalog.module';
import { RatingApiModule } from './rating-api/rating-api.module';
import { LiveCallsModule } from './live-calls/live-calls.module';
import { DidsModule } from './dids/dids.module';
import { RoutingTestModule } from './routing-test/routing-test.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { PortingModule } from './porting/porting.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { CdrReratingsModule } from './cdr-reratings/cdr-reratings.module';
import { CdrImportsModule } from './cdr-imports/cdr-imports.module';
import { QueuesModule } from './queues/queues.module';
import { CdrsModule } from './cdrs/cdrs.module';
import { CallQuotesModule } from './call-quotes/call-quotes.module';
import { RateDecksModule } from './rate-decks/rate-decks.module';
import { RecurringFeesModule } from './recurring-fees/recurring-fees.module';
import { InvoicesModule } from './invoices/invoices.module';

@Module({})
export class AppModule {
  static forEnvironment(env: ApiEnvironment): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: loggerOptions('api', env.LOG_LEVEL),
          // Probes and scrapes every few seconds would drown the request log, and Kamailio's calls to the
          // rating API come by thousands a second: their outcomes are counted in /metrics instead.
          exclude: [
            { method: RequestMethod.GET, path: 'health' },
            { method: RequestMethod.GET, path: 'metrics' },
            { method: RequestMethod.POST, path: 'rating/{*path}' },
          ],
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(env.DATABASE_URL, 'tollgate-api'), retryAttempts: 0 }),
        RedisModule,
        HealthModule,
        AuthModule,
        AuditModule,
        TenancyModule,
        DomainsModule,
        AccountsModule,
        LinesModule,
        UsersModule,
        ResellersModule,
        RateCardsModule,
        VendorsModule,
        ServicePlansModule,
        ServiceTemplatesModule,
        ServicesModule,
        RoutingPlansModule,
        LedgerModule,
        ApiKeysModule,
        BannedIpsModule,
        AuditLogModule,
        SettingsModule,
        CreditPoolsModule,
        RatingCatalogModule,
        RatingApiModule,
        LiveCallsModule,
        RoutingTestModule,
        CdrsModule,
        CdrReratingsModule,
        CdrImportsModule,
        CallQuotesModule,
        DidsModule,
        WebhooksModule,
        PortingModule,
        DashboardModule,
        RateDecksModule,
        RecurringFeesModule,
        InvoicesModule,
        QueuesModule,
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
