import type { components, TollgateClient } from '@tollgate/sdk';

export type SystemStatus = components['schemas']['SystemStatusDto'];

/** The platform's health as the API reports it, or why it could not be read (the HTTP status). */
export async function readSystemStatus(
  client: TollgateClient,
): Promise<{ status: SystemStatus | null; httpStatus: number }> {
  try {
    const { data, response } = await client.GET('/dashboard/status');
    return { status: data ?? null, httpStatus: response.status };
  } catch {
    return { status: null, httpStatus: 0 };
  }
}
