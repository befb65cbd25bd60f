import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { timestamp } from '../../http/field-schemas';

export const portingDocumentSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  fileName: z.string(),
  contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']).meta({
    description: 'the type found in the content, not the one the uploader declared',
  }),
  sizeBytes: z.number().int(),
  sha256: z.string().meta({ description: 'hex SHA-256 of the content' }),
  uploadedByUserId: z.uuid().nullable(),
  uploadedByApiKeyId: z.uuid().nullable(),
  createdAt: timestamp,
});

export class PortingDocumentDto extends createZodDto(portingDocumentSchema, { codec: true }) {}

export class PortingDocumentListDto extends createZodDto(z.object({ data: z.array(portingDocumentSchema) }), {
  codec: true,
}) {}

export class PortingDocumentParamsDto extends createZodDto(
  z.object({ id: z.uuid({ error: 'must be a UUID' }), documentId: z.uuid({ error: 'must be a UUID' }) }),
) {}
