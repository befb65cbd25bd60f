import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { LedgerModule } from '../ledger/ledger.module';
import { AssignDidService } from './assign-did.service';
import { ChangeDidRouteService } from './change-did-route.service';
import { DidHistoryService } from './did-history';
import { DidInScopeGuard } from './did-in-scope.guard';
import { DID_SETTINGS, didSettings } from './did-settings';
import { DidTransitions } from './did-transitions';
import { DidsController } from './dids.controller';
import { DidsService } from './dids.service';
import { EndDidQuarantineService } from './end-did-quarantine.service';
import { ExpireDidHoldsJob } from './expire-did-holds.job';
import { ImportDidsService } from './import-dids.service';
import { PostDidMonthlyFeesJob } from './post-did-monthly-fees.job';
import { ReleaseDidService } from './release-did.service';
import { ReserveDidService } from './reserve-did.service';

/**
 * 10,000 rows with every field filled are about 3 MB of JSON, over Fastify's 1 MiB default: only the
 * bulk route gets more.
 */
export const DID_IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

/** The DID inventory: numbers, their lifecycle (reserve, assign, release, quarantine) and history. */
@Module({
  imports: [LedgerModule],
  controllers: [DidsController],
  providers: [
    DidsService,
    ImportDidsService,
    DidHistoryService,
    DidTransitions,
    ReserveDidService,
    AssignDidService,
    ChangeDidRouteService,
    ReleaseDidService,
    EndDidQuarantineService,
    ExpireDidHoldsJob,
    PostDidMonthlyFeesJob,
    DidInScopeGuard,
    {
      provide: DID_SETTINGS,
      inject: [API_ENVIRONMENT],
      useFactory: (env: ApiEnvironment) => didSettings(env),
    },
  ],
})
export class DidsModule {
  // Modules are built before app.init() registers the routes, so the hook sees the bulk route.
  constructor(adapterHost: HttpAdapterHost) {
    adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.includes('POST') && route.url.endsWith('/dids/bulk'))
        route.bodyLimit = DID_IMPORT_BODY_LIMIT;
    });
  }
}
