import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { extname } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateCard, RateDeckFormat, RateDeckImport, RateDeckImportStatus } from '@tollgate/db';
import type { FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor';
import { BadRequestError } from '../http/domain-errors';
import { filePart, saveUpload, uploadError } from '../uploads/file-uploads';
import { importRequester } from '../uploads/import-requester';
import { RATE_CARDS } from '../rate-cards/rate-card-resources';
import { type TenantResource, TenantResources } from '../tenancy/tenant-resources';
import type { ImportRateDeckQueryDto } from './dto/rate-deck.dto';
import { resolveMapping } from './rate-deck-columns';
import { RateDeckImportQueue } from './rate-deck-import-queue';
import { RATE_DECK_SETTINGS, type RateDeckSettings } from './rate-deck-settings';
import { uploadPath } from './rate-deck-uploads';

const FORMAT_BY_EXTENSION: Record<string, RateDeckFormat> = {
  '.csv': RateDeckFormat.Csv,
  '.txt': RateDeckFormat.Csv,
  '.xlsx': RateDeckFormat.Xlsx,
};

// A clock a little behind ours is not "in the past".
const CLOCK_SKEW_MS = 60_000;

/** Takes an uploaded deck: saves the file, records the import and queues its job. */
@Injectable()
export class StartRateDeckImportService {
  private readonly cards: TenantResource<RateCard>;

  constructor(
    resources: TenantResources,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: RateDeckImportQueue,
    @Inject(RATE_DECK_SETTINGS) private readonly settings: RateDeckSettings,
  ) {
    this.cards = resources.of(RateCard, RATE_CARDS);
  }

  /** The file part of a multipart request (undefined for any other request). */
  filePart(request: FastifyRequest): Promise<MultipartFile | undefined> {
    return filePart(request, this.settings.maxUploadBytes);
  }

  async start(
    actor: Actor,
    rateCardId: string,
    options: ImportRateDeckQueryDto,
    upload: MultipartFile | undefined,
  ): Promise<RateDeckImport> {
    const now = new Date();
    let card: RateCard;
    let format: RateDeckFormat | undefined;
    try {
      card = await this.cards.get(actor, rateCardId);
      if (options.effectiveFrom && options.effectiveFrom.getTime() < now.getTime() - CLOCK_SKEW_MS)
        throw new BadRequestError(
          'must not be in the past: calls already rated keep their rates',
          'effectiveFrom',
        );
      if (!upload)
        throw new BadRequestError('send the deck as multipart/form-data, in a part named file', 'file');
      format = options.format ?? FORMAT_BY_EXTENSION[extname(upload.filename).toLowerCase()];
      if (!format)
        throw new BadRequestError(
          'cannot tell the format from the file name: give format=csv or xlsx',
          'format',
        );
    } catch (error) {
      upload?.file.resume();
      throw error;
    }
    const id = randomUUID();
    const path = uploadPath(this.settings, { id, format });
    const saved = await saveUpload(upload.file, path, this.settings.uploadDirectory).catch(
      (error: unknown) => {
        throw uploadError(error, this.settings.maxUploadBytes);
      },
    );
    if (saved.size === 0) {
      await rm(path, { force: true });
      throw new BadRequestError('is empty', 'file');
    }
    const repository = this.dataSource.getRepository(RateDeckImport);
    const created = await repository.save(
      repository.create({
        id,
        tenantId: card.tenantId,
        rateCardId,
        format,
        mode: options.mode,
        effectiveFrom: options.effectiveFrom ?? now,
        mapping: resolveMapping(options.mapping),
        delimiter: options.delimiter,
        fileName: upload.filename.slice(0, 255),
        fileSize: saved.size,
        fileSha256: saved.sha256,
        status: RateDeckImportStatus.Queued,
        requestedBy: importRequester(actor),
      }),
    );
    await this.queue.enqueue(id);
    return created;
  }
}
