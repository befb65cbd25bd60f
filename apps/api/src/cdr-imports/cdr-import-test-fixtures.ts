import { randomUUID } from 'node:crypto';
import { CdrImport, CdrImportFormat, CdrImportStatus } from '@tollgate/db';
import type { DataSource } from 'typeorm';

/** A finished CDR import of `tenantId`, as the job leaves it, for API tests. */
export async function insertTestCdrImport(dataSource: DataSource, tenantId: string): Promise<string> {
  const id = randomUUID();
  await dataSource.getRepository(CdrImport).insert({
    id,
    tenantId,
    format: CdrImportFormat.Generic,
    mapping: {},
    fileName: 'fixture.csv',
    fileSize: 1,
    fileSha256: '0'.repeat(64),
    status: CdrImportStatus.Completed,
    requestedBy: {
      kind: 'user',
      id: randomUUID(),
      tenantId,
      tenantPath: '/',
      ip: '127.0.0.1',
      userAgent: null,
      requestId: 'fixture',
    },
  });
  return id;
}
