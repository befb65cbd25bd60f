import type { NextRequest } from 'next/server';
import { API_URL } from '../../../../../lib/api-url';
import { passOn, staffApiOf } from '../../../../../lib/route-session';

const PASSED_ON = ['mode', 'effectiveFrom', 'delimiter'];

/**
 * Starts an import: the browser's multipart upload goes on to the API as a stream (never held in
 * memory here, decks can be large), with the import's mode and date; the answer is the queued import
 * or the API's 400 naming the bad parameter.
 */
export async function POST(
  request: NextRequest,
  { params }: { params: Promise<{ area: string; id: string }> },
) {
  const { area, id } = await params;
  const session = staffApiOf(request, area);
  if (!('token' in session)) return session;
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body)
    return passOn(400, {
      message: 'Choose a file to import.',
      errors: [{ field: 'file', reason: 'is required' }],
    });
  const query = new URLSearchParams();
  for (const name of PASSED_ON) {
    const value = request.nextUrl.searchParams.get(name);
    if (value) query.set(name, value);
  }
  const answer = await fetch(`${API_URL}/rate-cards/${encodeURIComponent(id)}/imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': contentType },
    body: request.body,
    // Node's fetch streams a request body only half-duplex.
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  return passOn(answer.status, await answer.json().catch(() => null));
}
