import { PortingDirection, PortingStatus } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText, timestamp } from '../../http/field-schemas';
import { pageDto, pageQuerySchema } from '../../tenancy/pagination';
import { countryCode, didNumber } from '../../dids/dto/did.dto';
import { didRoute } from '../../dids/dto/did-lifecycle.dto';

/** Most numbers one request moves: a whole DID block of 1,000 at most. */
export const MAX_NUMBERS_PER_REQUEST = 1000;

const numbers = z
  .array(didNumber)
  .min(1, { error: 'must name at least one number' })
  .max(MAX_NUMBERS_PER_REQUEST, { error: `must name at most ${MAX_NUMBERS_PER_REQUEST} numbers` })
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((number, index) => {
      if (seen.has(number))
        context.issues.push({ code: 'custom', path: [index], message: 'is repeated', input: number });
      seen.add(number);
    });
  })
  .meta({ description: 'E.164 numbers (a leading "+" is dropped), each once', example: ['493023125099'] });

const carrier = z.string().trim().min(1, { error: 'must not be empty' }).max(200);

const requestedDate = z.iso
  .date({ error: 'must be a date as YYYY-MM-DD' })
  .nullable()
  .meta({ description: 'the day the customer asks for', example: '2027-01-15' });

const notes = nullableText(10_000).meta({
  description: "free text kept with the request, e.g. the customer's account number at the losing carrier",
});

export class CreatePortingRequestDto extends createZodDto(
  z.strictObject({
    direction: z.enum(PortingDirection).meta({
      description: 'port_in: numbers come from another carrier; port_out: numbers of the account leave',
    }),
    accountId: z.uuid().meta({
      description: 'the account the numbers will be assigned to (port_in) or belong to (port_out)',
    }),
    numbers,
    country: countryCode.meta({ description: 'of the numbers; the DIDs a port-in creates get it' }),
    losingCarrier: carrier.meta({ description: 'the carrier the numbers leave', example: 'Old Telco GmbH' }),
    gainingCarrier: carrier.meta({ description: 'the carrier the numbers go to', example: 'Demo Telecom' }),
    requestedDate: requestedDate.optional(),
    notes: notes.optional(),
  }),
  { codec: true },
) {}

export class UpdatePortingRequestDto extends createZodDto(
  z
    .strictObject({
      numbers,
      country: countryCode,
      losingCarrier: carrier,
      gainingCarrier: carrier,
      requestedDate,
      notes,
    })
    .partial(),
  { codec: true },
) {}

export const portingRequestSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  accountId: z.uuid(),
  direction: z.enum(PortingDirection),
  status: z.enum(PortingStatus),
  numbers: z.array(z.string()).meta({ description: 'E.164 digits without "+"' }),
  country: z.string(),
  losingCarrier: z.string(),
  gainingCarrier: z.string(),
  requestedDate: z.string().max(10).nullable(),
  scheduledAt: timestamp.nullable().meta({ description: 'set on acceptance: when the port happens' }),
  submittedAt: timestamp.nullable(),
  closedAt: timestamp.nullable().meta({ description: 'when it was completed, rejected or cancelled' }),
  notes: nullableText(10_000),
  rejectionReason: nullableText(2_000),
  createdByUserId: z.uuid().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export class PortingRequestDto extends createZodDto(portingRequestSchema, { codec: true }) {}

export class PortingRequestPageDto extends pageDto(portingRequestSchema) {}

export class ListPortingRequestsQueryDto extends createZodDto(
  pageQuerySchema(['createdAt', 'scheduledAt'] as const, 'createdAt').extend({
    direction: z.enum(PortingDirection).optional(),
    status: z.enum(PortingStatus).optional(),
    accountId: z.uuid().optional(),
    number: didNumber.optional().meta({ description: 'requests naming this number' }),
  }),
  { codec: true },
) {}

const note = z.string().trim().min(1, { error: 'must not be empty' }).max(2_000);

export class PortingNoteDto extends createZodDto(
  z.strictObject({ note: note.meta({ description: 'kept in the history with who wrote it and when' }) }),
  { codec: true },
) {}

/** A move that only needs an optional note (submit, cancel). */
export class PortingStepDto extends createZodDto(z.strictObject({ note: note.optional() }), {
  codec: true,
}) {}

export class AcceptPortingRequestDto extends createZodDto(
  z.strictObject({
    scheduledAt: timestamp.meta({ description: 'when the losing carrier releases the numbers' }),
    note: note.optional(),
  }),
  { codec: true },
) {}

export class RejectPortingRequestDto extends createZodDto(
  z.strictObject({ reason: note.meta({ description: 'why, e.g. the losing carrier refused the LOA' }) }),
  { codec: true },
) {}

export class CompletePortingRequestDto extends createZodDto(
  z.strictObject({
    route: didRoute.optional().meta({
      description:
        'port_in: where inbound calls to the new numbers go (a line or SIP trunk of the account, or a SIP URI); without it the numbers are assigned unrouted',
    }),
    note: note.optional(),
  }),
  { codec: true },
) {}
