import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { MultipartFile } from '@fastify/multipart';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CdrImport, CdrImportStatus } from '@tollgate/db';
import type { FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError, ForbiddenError } from '../http/domain-errors';
import { filePart, saveUpload, uploadError } from '../uploads/file-uploads';
import { importRequester } from '../uploads/import-requester';
import { CdrImportQueue } from './cdr-import-queue';
import { CDR_IMPORT_SETTINGS, cdrUploadPath, type CdrImportSettings } from './cdr-import-settings';
import type { ImportCdrsQueryDto } from './dto/cdr-import.dto';

/** Takes an uploaded CDR file: saves it, records the import (the importer's tenant) and queues its job. */
@Injectable()
export class StartCdrImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: CdrImportQueue,
    @Inject(CDR_IMPORT_SETTINGS) private readonly settings: CdrImportSettings,
  ) {}

  filePart(request: FastifyRequest): Promise<MultipartFile | undefined> {
    return filePart(request, this.settings.maxUploadBytes);
  }

  async start(
    actor: Actor,
    options: ImportCdrsQueryDto,
    upload: MultipartFile | undefined,
  ): Promise<CdrImport> {
    try {
      if (actor.scope.isEndUser) throw new ForbiddenError('end users cannot import CDRs');
      if (!upload)
        throw new BadRequestError('send the CSV file as multipart/form-data, in a part named file', 'file');
    } catch (error) {
      upload?.file.resume();
      throw error;
    }
    const id = randomUUID();
    const path = cdrUploadPath(this.settings, id);
    const saved = await saveUpload(upload.file, path, this.settings.uploadDirectory).catch(
      (error: unknown) => {
        throw uploadError(error, this.settings.maxUploadBytes);
      },
    );
    if (saved.size === 0) {
      await rm(path, { force: true });
      throw new BadRequestError('is empty', 'file');
    }
    const repository = this.dataSource.getRepository(CdrImport);
    const created = await repository.save(
      repository.create({
        id,
        tenantId: actor.scope.tenantId,
        format: options.format,
        mapping: options.mapping ?? {},
        delimiter: options.delimiter,
        fileName: upload.filename.slice(0, 255),
        fileSize: saved.size,
        fileSha256: saved.sha256,
        status: CdrImportStatus.Queued,
        requestedBy: importRequester(actor),
      }),
    );
    await this.queue.enqueue(id);
    return created;
  }
}
