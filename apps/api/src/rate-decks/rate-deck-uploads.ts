import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RateDeckFormat } from '@tollgate/db';
import { BadRequestError, DomainError } from '../http/domain-errors';
import type { RateDeckSettings } from './rate-deck-settings';

/** Where an import's file waits for its job. */
export function uploadPath(settings: RateDeckSettings, job: { id: string; format: RateDeckFormat }): string {
  return join(settings.uploadDirectory, `${job.id}.${job.format}`);
}

export interface SavedUpload {
  size: number;
  sha256: string;
}

/** Streams an upload to `path`, hashing it on the way; a failed or cut upload leaves no file. */
export async function saveUpload(source: Readable, path: string, directory: string): Promise<SavedUpload> {
  await mkdir(directory, { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}

/** An upload over the size limit. */
export class UploadTooLargeError extends DomainError {
  readonly status = 413;
  readonly field = 'file';
}

/**
 * What @fastify/multipart's errors (FST_REQ_FILE_TOO_LARGE, FST_INVALID_MULTIPART_CONTENT_TYPE, limits…)
 * mean for the caller: 413 for a file too large, 400 naming `file` for a malformed upload.
 */
export function uploadError(error: unknown, maxBytes: number): unknown {
  const { code, message } = error as { code?: unknown; message?: string };
  if (typeof code !== 'string' || !code.startsWith('FST_')) return error;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new UploadTooLargeError(`the file is larger than ${maxBytes} bytes`);
  return new BadRequestError(`not a usable multipart upload: ${message ?? code}`, 'file');
}
