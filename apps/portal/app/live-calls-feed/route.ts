import { type NextRequest, NextResponse } from 'next/server';
import { readLiveBoard } from '../../lib/live-calls';
import { staffApi } from '../../lib/route-session';

/** What the live calls page polls: JSON for the browser, read from the API with the session's token. */
export async function GET(request: NextRequest) {
  const api = staffApi(request);
  if (!('client' in api)) return api;
  const board = await readLiveBoard(api.client);
  if ('status' in board) return NextResponse.json({ message: 'the API refused' }, { status: board.status });
  return NextResponse.json(board, { headers: { 'cache-control': 'no-store' } });
}
