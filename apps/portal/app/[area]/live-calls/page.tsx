import type { Metadata } from 'next';
import { readLiveBoard } from '../../../lib/live-calls';
import { redirect } from 'next/navigation';
import { api, requireArea } from '../../../lib/session';
import { PageHeader } from '../../ui/page-header';
import { LiveCallsBoard } from './live-calls-board';

export const metadata: Metadata = { title: 'Live calls' };

export default async function LiveCallsPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await requireArea((await params).area);
  const board = await readLiveBoard(await api());
  if ('status' in board) {
    if (board.status === 401) redirect('/session-expired');
    throw new Error(`The API answered ${board.status} for the live calls`);
  }
  return (
    <>
      <PageHeader
        title="Live calls"
        description="Calls up now, with what they cost so far. Updates every two seconds."
      />
      <LiveCallsBoard initial={board} area={area} />
    </>
  );
}
