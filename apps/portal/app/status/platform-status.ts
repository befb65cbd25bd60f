import { createTollgateClient } from '@tollgate/sdk';

export interface ServiceStatus {
  name: string;
  up: boolean;
  detail?: string;
}

const SERVICE_NAMES: Record<string, string> = { postgresql: 'PostgreSQL', redis: 'Redis' };

/** The API's own health report, read on the server for every request. */
export async function readPlatformStatus(
  apiUrl: string,
): Promise<{ api: boolean; services: ServiceStatus[] }> {
  const client = createTollgateClient({ baseUrl: apiUrl });
  try {
    const { data, error } = await client.GET('/health', { signal: AbortSignal.timeout(3000) });
    const report = (data ?? error) as
      { details?: Record<string, { status: string; message?: string }> } | undefined;
    const services = Object.entries(report?.details ?? {}).map(([key, value]) => ({
      name: SERVICE_NAMES[key] ?? key,
      up: value.status === 'up',
      ...(value.message ? { detail: value.message } : {}),
    }));
    return { api: true, services };
  } catch {
    return { api: false, services: [] };
  }
}
