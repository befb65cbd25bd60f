import { join, resolve } from 'node:path';
import type { ApiEnvironment } from '../api-environment';

export const CDR_IMPORT_SETTINGS = Symbol('CdrImportSettings');

export interface CdrImportSettings {
  /** Absolute directory where uploads wait for their job (CDR_IMPORT_UPLOAD_DIR). */
  readonly uploadDirectory: string;
  /** Largest file accepted, bytes. */
  readonly maxUploadBytes: number;
}

// A million acc rows with every column are about 200 MB.
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export function cdrImportSettings(env: ApiEnvironment): CdrImportSettings {
  return { uploadDirectory: resolve(env.CDR_IMPORT_UPLOAD_DIR), maxUploadBytes: MAX_UPLOAD_BYTES };
}

/** Where an import's file waits for its job. */
export function cdrUploadPath(settings: CdrImportSettings, importId: string): string {
  return join(settings.uploadDirectory, `${importId}.csv`);
}
