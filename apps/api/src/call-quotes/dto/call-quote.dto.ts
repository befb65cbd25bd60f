import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { cdrLevelSchema } from '../../cdrs/dto/cdr.dto';
import { timestamp } from '../../http/field-schemas';
import { rateQuoteSchema } from '../../rate-cards/dto/rate-quote.dto';

export class CallQuoteQueryDto extends createZodDto(
  z.object({
    destination: z.string().trim().min(1).max(200).meta({
      description: 'dialled number: E.164 digits, +…, 00… or a sip:/tel: URI',
      example: '442071234567',
    }),
    startedAt: timestamp.optional().meta({
      description: 'answer time: the rates and periods in force then apply, as for the CDR; now when omitted',
    }),
    durationSeconds: z.coerce.number().int().min(0).max(86_400),
  }),
) {}

export const callQuoteSchema = rateQuoteSchema.extend({
  accountId: z.uuid(),
  levels: z.array(cdrLevelSchema).meta({
    description:
      "the call's price at every level you may see, as the CDR would show it, customer first: a reseller sees its own buy price and margin and those below it (never its parent's), the operator every reseller level, an end user its own price only",
  }),
});

export class CallQuoteDto extends createZodDto(callQuoteSchema, { codec: true }) {}
