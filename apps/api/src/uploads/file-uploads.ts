import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { BadRequestError, DomainError } from '../http/domain-errors';

/**
 * Files uploaded for import jobs (rate decks, CDR files): taken from a multipart request, streamed to
 * the directory where they wait for their job, hashed on the way.
 */

/** The file part of a multipart request (undefined for any other request); options travel in the query. */
export async function filePart(
  request: FastifyRequest,
  maxBytes: number,
): Promise<MultipartFile | undefined> {
  if (!request.isMultipart()) return undefined;
  // Form fields are allowed and ignored.
  const limits = { fileSize: maxBytes, files: 1, fields: 20, parts: 21 };
  return request.file({ limits }).catch((error: unknown) => {
    throw uploadError(error, maxBytes);
  });
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
