import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFFED_BYTES } from './document-type';

/** What was written: the size, the hash, and the first bytes for recognising the type. */
export interface StoredFile {
  sizeBytes: number;
  sha256: string;
  head: Buffer;
}

/**
 * Porting documents on disk, under one directory (PORTING_DOCUMENTS_DIR), at keys the API makes
 * (`<tenant>/<request>/<document>`): a name an uploader chose never becomes a path. A file is written
 * beside its place as `.part` and moved there only once it is accepted.
 */
export class DocumentStorage {
  constructor(readonly directory: string) {}

  /** Streams `content` to `<key>.part`, hashing it on the way; memory does not grow with the file. */
  async writePending(key: string, content: Readable): Promise<StoredFile> {
    const path = this.pendingPath(key);
    await mkdir(dirname(path), { recursive: true });
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let head = Buffer.alloc(0);
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        if (head.length < SNIFFED_BYTES)
          head = Buffer.concat([head, chunk.subarray(0, SNIFFED_BYTES - head.length)]);
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, measure, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await this.discardPending(key);
      throw error;
    }
    return { sizeBytes, sha256: hash.digest('hex'), head };
  }

  async keepPending(key: string): Promise<void> {
    await rename(this.pendingPath(key), this.path(key));
  }

  async discardPending(key: string): Promise<void> {
    await removeIfPresent(this.pendingPath(key));
  }

  open(key: string): ReadStream {
    return createReadStream(this.path(key));
  }

  async remove(key: string): Promise<void> {
    await removeIfPresent(this.path(key));
  }

  private path(key: string): string {
    const path = resolve(this.directory, key);
    // Keys are made of UUIDs; this only guards against a future caller passing something else.
    if (!path.startsWith(resolve(this.directory) + sep))
      throw new Error(`document key outside the directory: ${key}`);
    return path;
  }

  private pendingPath(key: string): string {
    return `${this.path(key)}.part`;
  }
}

export function documentKey(tenantId: string, requestId: string, documentId: string): string {
  return join(tenantId, requestId, documentId);
}

async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
