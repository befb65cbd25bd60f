import { randomUUID } from 'node:crypto';
import { CdrImport, CdrImportFormat, CdrImportStatus } from '@tollgate/db';
import type { DataSource } from 'typeorm';
import type { ApiTestKit } from '../testing/api-test-kit';

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

export interface ImportView {
  id: string;
  tenantId: string;
  status: string;
  rowsRead: number;
  rowsSkipped: number;
  rowsValidated: number;
  rowsEnqueued: number;
  rowsRejected: number;
  percent: number;
  error: string | null;
}

/** POSTs a CSV file as multipart/form-data, as `curl -F file=@cdrs.csv` would. */
export async function uploadCdrFile(
  kit: ApiTestKit,
  token: string,
  content: string,
  query: Record<string, string>,
): Promise<{ status: number; body: ImportView & { errors?: unknown } }> {
  const boundary = `----tollgate${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cdrs.csv"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await kit.app.inject({
    method: 'POST',
    url: `/cdr-imports?${new URLSearchParams(query).toString()}`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  return {
    status: response.statusCode,
    body: JSON.parse(response.body) as ImportView & { errors?: unknown },
  };
}

/** Polls an import until it is completed, rejected or failed. */
export async function finishedImport(kit: ApiTestKit, token: string, id: string): Promise<ImportView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await kit.request<ImportView>('GET', `/cdr-imports/${id}`, { token });
    if (response.status !== 200) throw new Error(`GET /cdr-imports/${id}: ${response.status}`);
    if (['completed', 'rejected', 'failed'].includes(response.body.status)) return response.body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${response.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
