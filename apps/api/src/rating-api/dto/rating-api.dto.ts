import { isIP } from 'node:net';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText } from '../../http/field-schemas';
import { REFUSAL_REASONS } from '../call-refusals';

/**
 * Kamailio's `jansson_set` writes an unset pseudo-variable as "" (or "<null>"): both mean "not given".
 * Fields Kamailio does not know are ignored, so a newer cfg can send more.
 */
const optionalText = (max: number, description: string) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((text) =>
      text === null || text === undefined || text === '' || text === '<null>' ? undefined : text,
    )
    .meta({ description });

const callId = z.string().min(1).max(512).meta({ description: 'the SIP Call-ID ($ci)' });
const fromTag = z.string().min(1).max(256).meta({ description: 'the From tag ($ft)' });
const accountId = z.uuid().meta({ description: 'the accountId authorize answered' });

export const authorizeCallSchema = z.object({
  callId,
  fromTag,
  sourceIp: z
    .string()
    .refine((text) => isIP(text) !== 0, { error: 'must be an IPv4 or IPv6 address' })
    .meta({ description: 'source address of the INVITE ($si)', example: '198.51.100.7' }),
  destination: z
    .string()
    .min(1)
    .max(128)
    .meta({ description: 'the dialled number ($rU): +44…, 0044…, 44…', example: '442071234567' }),
  authUser: optionalText(256, 'the line that passed digest authentication ($au)'),
  authDomain: optionalText(256, "that line's domain ($ar)"),
  diverterUser: optionalText(256, 'the diverting line of a Diversion header ($(di{uri.user}))'),
  diverterDomain: optionalText(256, "that line's domain ($(di{uri.host}))"),
  callerNumber: optionalText(128, 'the caller ($fU), kept for the CDR'),
});

export class AuthorizeCallDto extends createZodDto(authorizeCallSchema) {}

const carrierSchema = z.object({
  uri: z.string().meta({ example: 'sip:00442071234567@198.51.100.10:5060;transport=udp' }),
  timeoutSeconds: z.int().meta({ description: 'how long to wait for this carrier before the next one' }),
  lookup: z
    .boolean()
    .meta({ description: 'true: `uri` is a line; relay to its registered contact (lookup("location"))' }),
  vendorId: z.uuid().nullable(),
  vendorName: nullableText(500),
  trunkId: z.uuid().nullable(),
});

export const callDecisionSchema = z.object({
  authorized: z.boolean(),
  code: z
    .union([z.literal(2), z.literal(1), z.literal(-1), z.literal(-2), z.literal(-4), z.literal(-5)])
    .meta({
      description:
        '+2 no limit, +1 limited by credit, −1 no credit, −2 channel limit or locked, −4 not found or not active, −5 internal',
    }),
  reason: z.enum(['unlimited', 'limited-by-credit', ...REFUSAL_REASONS]),
  sipCode: z.int().meta({ description: 'the reply to send when refused (200 when authorized)' }),
  sipReason: z.string(),
  challenge: z.boolean().meta({ description: 'nobody is identified: challenge the caller for credentials' }),
  direction: z.enum(['outbound', 'inbound']).nullable(),
  accountId: z.uuid().nullable().meta({ description: 'for the dialog profile and every later event' }),
  billing: z.enum(['prepaid', 'postpaid']).nullable(),
  maxSeconds: z.int().meta({ description: 'dialog timeout to set; 0 when refused' }),
  destination: nullableText(32).meta({ description: 'the normalised E.164 destination' }),
  carriers: z.array(carrierSchema),
  carrierCount: z.int(),
});

export type CallDecision = z.infer<typeof callDecisionSchema>;
export type Carrier = z.infer<typeof carrierSchema>;

export class CallDecisionDto extends createZodDto(callDecisionSchema) {}

export const beginCallSchema = z.object({
  callId,
  fromTag,
  toTag: optionalText(256, 'the To tag of the answer ($tt)'),
  accountId,
  dialogEntry: z.coerce.number().int().min(0).optional().meta({ description: '$dlg(h_entry)' }),
  dialogId: z.coerce.number().int().min(0).optional().meta({ description: '$dlg(h_id)' }),
});

export class BeginCallDto extends createZodDto(beginCallSchema) {}

export const endCallSchema = z.object({
  callId,
  fromTag,
  toTag: optionalText(256, 'the To tag ($tt)'),
  accountId,
  durationSeconds: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .optional()
    .meta({ description: "Kamailio's measure from answer ($TV(s) − $dlg(start_ts)); else the API's clock" }),
  sipCode: z.coerce.number().int().min(0).max(699).optional(),
  cause: optionalText(256, 'why it ended: bye-caller, bye-callee, timeout, rpc…'),
  carrierTrunkId: z
    .uuid()
    .optional()
    .meta({ description: 'the carriers[].trunkId that answered; else the CDR names the first carrier' }),
});

export class EndCallDto extends createZodDto(endCallSchema) {}

export const releaseCallSchema = z.object({
  callId,
  fromTag,
  accountId,
  sipCode: z.coerce
    .number()
    .int()
    .min(0)
    .max(699)
    .optional()
    .meta({ description: 'the final failure reply' }),
  cause: optionalText(256, 'why: busy, no-answer, cancelled, all-carriers-failed…'),
});

export class ReleaseCallDto extends createZodDto(releaseCallSchema) {}

export const beginOutcomeSchema = z.object({
  status: z.enum(['begun', 'already-active', 'expired', 'closed', 'unknown', 'tag-mismatch']),
  answeredAt: z.iso.datetime().nullable(),
});

export class BeginOutcomeDto extends createZodDto(beginOutcomeSchema) {}

export const endOutcomeSchema = z.object({
  status: z.enum(['settled', 'already-settled', 'closed', 'unknown', 'tag-mismatch']),
  durationSeconds: z.int().nullable(),
  billedSeconds: z.int().nullable(),
  cost: nullableText(40).meta({ description: 'what the call was charged, exact decimal', example: '0.12' }),
  currency: nullableText(3),
});

export class EndOutcomeDto extends createZodDto(endOutcomeSchema) {}

export const releaseOutcomeSchema = z.object({
  status: z.enum(['released', 'already-released', 'expired', 'active', 'closed', 'unknown', 'tag-mismatch']),
});

export class ReleaseOutcomeDto extends createZodDto(releaseOutcomeSchema) {}
