import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PortingDocument, type PortingRequest } from '@tollgate/db';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, ConflictError, NotFoundError, PayloadTooLargeError } from '../http/domain-errors';
import { documentProblem, sniffDocumentType } from './document-type';
import { documentKey, DocumentStorage } from './document-storage';
import { PortingTransitions } from './porting-transitions';
import { isClosed } from './porting-requests.service';
import { ScopedPortingRequests } from './scoped-porting-requests';

export const PORTING_DOCUMENTS = Symbol('PortingDocumentSettings');

export interface PortingDocumentSettings {
  storage: DocumentStorage;
  maxBytes: number;
}

export type PortingDocumentView = Omit<
  PortingDocument,
  'tenant' | 'tenantId' | 'request' | 'storageKey' | 'contentType'
> & {
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
};

/**
 * Documents of a porting request: uploaded as multipart/form-data (one `file` part), streamed to disk,
 * then checked: at most PORTING_DOCUMENT_MAX_BYTES (413), a PDF, PNG or JPEG by its content, under a
 * name and declared type that agree with it (400). Added and deleted only while the request is open;
 * each one is a step of the request's history.
 */
@Injectable()
export class PortingDocumentsService {
  private readonly logger = new Logger(PortingDocumentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PORTING_DOCUMENTS) private readonly settings: PortingDocumentSettings,
    private readonly transitions: PortingTransitions,
  ) {}

  async list(actor: Actor, requestId: string): Promise<{ data: PortingDocumentView[] }> {
    await new ScopedPortingRequests(this.dataSource.manager, actor.scope).find(requestId);
    const documents = await this.dataSource
      .getRepository(PortingDocument)
      .find({ where: { requestId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { data: documents.map(toDocumentView) };
  }

  async upload(actor: Actor, requestId: string, http: FastifyRequest): Promise<PortingDocumentView> {
    const request = await new ScopedPortingRequests(this.dataSource.manager, actor.scope).find(requestId);
    assertOpen(request, 'added to');
    if (!http.isMultipart())
      throw new BadRequestError('must be sent as multipart/form-data with one part named "file"', 'file');
    const part = await http
      .file({ limits: { fileSize: this.settings.maxBytes, files: 1, fields: 10, parts: 11 } })
      .catch((error: unknown) => {
        throw this.uploadError(error);
      });
    if (!part || part.fieldname !== 'file')
      throw new BadRequestError('is missing: send the document as the multipart part "file"', 'file');
    const fileName = cleanFileName(part.filename);
    const documentId = randomUUID();
    const key = documentKey(request.tenantId, request.id, documentId);
    const stored = await this.settings.storage.writePending(key, part.file).catch((error: unknown) => {
      throw this.uploadError(error);
    });
    try {
      if (part.file.truncated) throw this.tooLarge();
      if (stored.sizeBytes === 0) throw new BadRequestError('is empty', 'file');
      const contentType = sniffDocumentType(stored.head);
      const problem = documentProblem(contentType, fileName, part.mimetype);
      if (problem) throw new BadRequestError(problem, 'file');
      await this.settings.storage.keepPending(key);
      const document = await this.record(actor, requestId, {
        id: documentId,
        tenantId: request.tenantId,
        requestId,
        fileName,
        contentType: contentType!,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageKey: key,
        uploadedByUserId: actor.principal.kind === 'user' ? actor.principal.id : null,
        uploadedByApiKeyId: actor.principal.kind === 'api_key' ? actor.principal.id : null,
      }).catch(async (error: unknown) => {
        await this.settings.storage.remove(key);
        throw error;
      });
      return toDocumentView(document);
    } finally {
      await this.settings.storage.discardPending(key);
    }
  }

  async open(
    actor: Actor,
    requestId: string,
    documentId: string,
  ): Promise<{ document: PortingDocument; content: ReadStream }> {
    await new ScopedPortingRequests(this.dataSource.manager, actor.scope).find(requestId);
    const document = await this.find(requestId, documentId);
    return { document, content: this.settings.storage.open(document.storageKey) };
  }

  /** The row goes in the request's transaction; the file after the commit (a leftover file is harmless). */
  async remove(actor: Actor, requestId: string, documentId: string): Promise<void> {
    let removed: PortingDocument | undefined;
    await this.transitions.apply(actor, requestId, async (request, manager) => {
      const document = await this.find(requestId, documentId);
      assertOpen(request, 'deleted from');
      await manager.getRepository(PortingDocument).delete({ id: document.id });
      removed = document;
      return {
        action: 'porting-request.delete-document',
        changes: {},
        step: { event: 'document_deleted', details: documentDetails(document) },
      };
    });
    await this.settings.storage.remove(removed!.storageKey).catch((error: unknown) => {
      this.logger.warn({ err: error, documentId }, 'porting document deleted, its file could not be removed');
    });
  }

  private async record(
    actor: Actor,
    requestId: string,
    values: Partial<PortingDocument>,
  ): Promise<PortingDocument> {
    let saved: PortingDocument | undefined;
    await this.transitions.apply(actor, requestId, async (request, manager) => {
      assertOpen(request, 'added to');
      const repository = manager.getRepository(PortingDocument);
      saved = await repository.save(repository.create(values));
      return {
        action: 'porting-request.add-document',
        changes: {},
        step: { event: 'document_added', details: documentDetails(saved) },
      };
    });
    return saved!;
  }

  private async find(requestId: string, documentId: string): Promise<PortingDocument> {
    const document = await this.dataSource
      .getRepository(PortingDocument)
      .findOneBy({ id: documentId, requestId });
    if (!document) throw new NotFoundError('document');
    return document;
  }

  /**
   * The parser's errors (a file over the limit, too many parts, a body cut short or malformed) as the
   * API's: 413 or 400 on `file`. A file system error (it has a `syscall`) is ours, not the client's.
   */
  private uploadError(error: unknown): unknown {
    const { code, statusCode, message, syscall } = error as {
      code?: string;
      statusCode?: number;
      message?: string;
      syscall?: string;
    };
    if (code === 'FST_REQ_FILE_TOO_LARGE') return this.tooLarge();
    if (statusCode === 413)
      return new PayloadTooLargeError(`one file and at most 10 fields: ${message}`, 'file');
    if (syscall !== undefined || !(error instanceof Error) || (statusCode !== undefined && statusCode >= 500))
      return error;
    return new BadRequestError(`is not a readable multipart upload: ${message}`, 'file');
  }

  private tooLarge(): PayloadTooLargeError {
    return new PayloadTooLargeError(`must be at most ${this.settings.maxBytes} bytes`, 'file');
  }
}

function assertOpen(request: PortingRequest, verb: string): void {
  if (isClosed(request))
    throw new ConflictError(
      `the porting request is ${request.status}: documents can no longer be ${verb} it`,
      'status',
    );
}

/** The uploader's name without any directory part or control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const printable = [...basename(name.replace(/\\/g, '/'))].filter(
    (character) => character.charCodeAt(0) >= 0x20 && character !== '\u007f' && character !== '"',
  );
  const cleaned = printable.join('').trim();
  if (cleaned === '') throw new BadRequestError('has no file name', 'file');
  return cleaned.slice(-200);
}

function documentDetails(document: PortingDocument): Record<string, unknown> {
  return {
    documentId: document.id,
    fileName: document.fileName,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
  };
}

function toDocumentView(document: PortingDocument): PortingDocumentView {
  return {
    id: document.id,
    requestId: document.requestId,
    fileName: document.fileName,
    contentType: document.contentType as PortingDocumentView['contentType'],
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    uploadedByUserId: document.uploadedByUserId,
    uploadedByApiKeyId: document.uploadedByApiKeyId,
    createdAt: document.createdAt,
  };
}
