import type { components, TollgateClient } from '@tollgate/sdk';

export type RateDeckImport = components['schemas']['RateDeckImportDto'];
export type RateDeckProblem = components['schemas']['RateDeckProblemPageDto']['data'][number];

/** How many problems the live panel shows; the report page pages through all of them. */
export const PROBLEMS_SHOWN = 200;

export interface ImportProgress {
  deckImport: RateDeckImport;
  problems: RateDeckProblem[];
  /** More problems than shown: the full report has them. */
  moreProblems: boolean;
}

const FINISHED: ReadonlySet<string> = new Set(['completed', 'rejected', 'failed']);

export function isFinished(deckImport: Pick<RateDeckImport, 'status'>): boolean {
  return FINISHED.has(deckImport.status);
}

export async function readImportProgress(
  client: TollgateClient,
  cardId: string,
  importId: string,
): Promise<ImportProgress | { status: number }> {
  const path = { id: cardId, importId };
  const answer = await client.GET('/rate-cards/{id}/imports/{importId}', { params: { path } });
  if (!answer.data) return { status: answer.response.status };
  if (answer.data.status !== 'rejected')
    return { deckImport: answer.data, problems: [], moreProblems: false };
  const problems = await client.GET('/rate-cards/{id}/imports/{importId}/problems', {
    params: { path, query: { limit: PROBLEMS_SHOWN } },
  });
  if (!problems.data) return { status: problems.response.status };
  return {
    deckImport: answer.data,
    problems: problems.data.data,
    moreProblems: problems.data.nextCursor !== null,
  };
}
