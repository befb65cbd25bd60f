import type { NextRequest } from 'next/server';
import { API_URL } from '../../../../../lib/api-url';
import { apiHeadersFor, passOn, staffApiOf } from '../../../../../lib/route-session';

/** The card's rates as a deck file, streamed from the API to the browser as it comes. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ area: string; id: string }> },
) {
  const { area, id } = await params;
  const session = staffApiOf(request, area);
  if (!('token' in session)) return session;
  const format = request.nextUrl.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
  const query = new URLSearchParams({ format });
  const activeAt = request.nextUrl.searchParams.get('activeAt');
  if (activeAt) query.set('activeAt', activeAt);
  const answer = await fetch(`${API_URL}/rate-cards/${encodeURIComponent(id)}/export?${query}`, {
    headers: apiHeadersFor(request, session.token),
    cache: 'no-store',
  });
  if (!answer.ok || !answer.body) return passOn(answer.status, await answer.json().catch(() => null));
  return new Response(answer.body, {
    headers: {
      'content-type': answer.headers.get('content-type') ?? 'application/octet-stream',
      'content-disposition':
        answer.headers.get('content-disposition') ?? `attachment; filename="rates.${format}"`,
      'cache-control': 'no-store',
    },
  });
}
