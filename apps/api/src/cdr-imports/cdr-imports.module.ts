import { Module } from '@nestjs/common';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { CdrQueueModule } from '../cdrs/cdr-queue.module';
import { CdrImportQueue } from './cdr-import-queue';
import { CDR_IMPORT_SETTINGS, cdrImportSettings } from './cdr-import-settings';
import { CdrImportsController } from './cdr-imports.controller';
import { CdrImportsService } from './cdr-imports.service';
import { RunCdrImportJob } from './run-cdr-import.job';
import { StartCdrImportService } from './start-cdr-import.service';

/** Switch CDR files (Kamailio acc, generic CSV) imported as BullMQ jobs into the `cdrs` queue. */
@Module({
  imports: [CdrQueueModule],
  controllers: [CdrImportsController],
  providers: [
    StartCdrImportService,
    CdrImportsService,
    RunCdrImportJob,
    CdrImportQueue,
    {
      provide: CDR_IMPORT_SETTINGS,
      inject: [API_ENVIRONMENT],
      useFactory: (env: ApiEnvironment) => cdrImportSettings(env),
    },
  ],
})
export class CdrImportsModule {}
