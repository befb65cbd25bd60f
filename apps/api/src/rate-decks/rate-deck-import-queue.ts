import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateDeckImport, RateDeckImportStatus } from '@tollgate/db';
import { DataSource, In } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { ImportJobQueue } from '../uploads/import-job-queue';
import { RunRateDeckImportJob } from './run-rate-deck-import.job';

export const RATE_DECK_IMPORT_QUEUE = 'rate-deck-imports';

/** The queue of rate deck imports and its worker (see ImportJobQueue). */
@Injectable()
export class RateDeckImportQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly imports: ImportJobQueue;

  constructor(
    @Inject(API_ENVIRONMENT) env: ApiEnvironment,
    @InjectDataSource() dataSource: DataSource,
    job: RunRateDeckImportJob,
  ) {
    this.imports = new ImportJobQueue(env, {
      name: RATE_DECK_IMPORT_QUEUE,
      run: (importId, attempt) => job.run(importId, attempt),
      unfinished: async () => {
        const rows = await dataSource.getRepository(RateDeckImport).find({
          select: { id: true },
          where: {
            status: In([
              RateDeckImportStatus.Queued,
              RateDeckImportStatus.Validating,
              RateDeckImportStatus.Applying,
            ]),
          },
        });
        return rows.map((row) => row.id);
      },
    });
  }

  enqueue(importId: string): Promise<void> {
    return this.imports.enqueue(importId);
  }

  requeueUnfinished(): Promise<number> {
    return this.imports.requeueUnfinished();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.imports.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.imports.close();
  }
}
