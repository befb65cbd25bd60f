import type { NextRequest } from 'next/server';
import { readImportProgress } from '../../../../../../../lib/rate-deck-imports';
import { passOn, staffApiOf } from '../../../../../../../lib/route-session';

/** What the import panel polls: the import's status and progress and, once rejected, its problems. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ area: string; id: string; importId: string }> },
) {
  const { area, id, importId } = await params;
  const session = staffApiOf(request, area);
  if (!('token' in session)) return session;
  const progress = await readImportProgress(session.client, id, importId);
  return 'status' in progress
    ? passOn(progress.status, { message: 'the API refused' })
    : passOn(200, progress);
}
