import { join } from 'node:path';
import type { RateDeckFormat } from '@tollgate/db';
import type { RateDeckSettings } from './rate-deck-settings';

/** Where an import's file waits for its job. */
export function uploadPath(settings: RateDeckSettings, job: { id: string; format: RateDeckFormat }): string {
  return join(settings.uploadDirectory, `${job.id}.${job.format}`);
}
