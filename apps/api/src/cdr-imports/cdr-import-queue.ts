import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CdrImport, CdrImportStatus } from '@tollgate/db';
import { DataSource, In } from 'typeorm';
import { API_ENVIRONMENT, type ApiEnvironment } from '../api-environment';
import { ImportJobQueue } from '../uploads/import-job-queue';
import { RunCdrImportJob } from './run-cdr-import.job';

export const CDR_IMPORT_QUEUE = 'cdr-imports';

/** The queue of CDR file imports and its worker (see ImportJobQueue). */
@Injectable()
export class CdrImportQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly imports: ImportJobQueue;

  constructor(
    @Inject(API_ENVIRONMENT) env: ApiEnvironment,
    @InjectDataSource() dataSource: DataSource,
    job: RunCdrImportJob,
  ) {
    this.imports = new ImportJobQueue(env, {
      name: CDR_IMPORT_QUEUE,
      run: (importId, attempt) => job.run(importId, attempt),
      unfinished: async () => {
        const rows = await dataSource.getRepository(CdrImport).find({
          select: { id: true },
          where: {
            status: In([CdrImportStatus.Queued, CdrImportStatus.Validating, CdrImportStatus.Enqueuing]),
          },
        });
        return rows.map((row) => row.id);
      },
    });
  }

  enqueue(importId: string): Promise<void> {
    return this.imports.enqueue(importId);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.imports.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.imports.close();
  }
}
