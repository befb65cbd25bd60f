import { resolve } from 'node:path';
import type { ApiEnvironment } from '../api-environment';

export const RATE_DECK_SETTINGS = Symbol('RateDeckSettings');

export interface RateDeckSettings {
  /** Absolute directory where uploads wait for their job (RATE_DECK_UPLOAD_DIR). */
  readonly uploadDirectory: string;
  /** Largest file accepted, bytes. */
  readonly maxUploadBytes: number;
}

// A million-row CSV deck with every column is about 120 MB.
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export function rateDeckSettings(env: ApiEnvironment): RateDeckSettings {
  return { uploadDirectory: resolve(env.RATE_DECK_UPLOAD_DIR), maxUploadBytes: MAX_UPLOAD_BYTES };
}
