import { type NextRequest, NextResponse } from 'next/server';
import { readSystemStatus } from '../[area]/_dashboard/system-status';
import { staffApi } from '../../lib/route-session';

/** What the dashboard's status lights poll: the API's health report, read with the session's token. */
export async function GET(request: NextRequest) {
  const api = staffApi(request, (own) => own === 'owner');
  if (!('client' in api)) return api;
  const { status, httpStatus } = await readSystemStatus(api.client);
  if (!status) return NextResponse.json({ message: 'the API did not answer' }, { status: httpStatus || 502 });
  return NextResponse.json(status, { headers: { 'cache-control': 'no-store' } });
}
