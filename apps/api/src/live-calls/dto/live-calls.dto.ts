import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { nullableText } from '../../http/field-schemas';

const amount = z.string().meta({ description: 'exact decimal in the account currency', example: '12.5' });

const poolFields = {
  currency: z.string(),
  billingType: z.enum(['prepaid', 'postpaid']),
  available: amount.meta({ description: 'what new calls can still use' }),
  reserved: amount.meta({ description: 'held for the open calls up to their common horizon' }),
  consumed: amount.meta({ description: 'what the answered calls have cost so far (last metering pass)' }),
  calls: z.int().meta({ description: 'open calls: ringing and answered' }),
};

export const liveAccountSchema = z.object({
  accountId: z.uuid(),
  code: z.string(),
  name: z.string(),
  ...poolFields,
});

export class LiveAccountListDto extends createZodDto(z.object({ data: z.array(liveAccountSchema) })) {}

export const liveCallSchema = z.object({
  callId: z.string(),
  state: z.enum(['reserved', 'active']).meta({ description: 'reserved: ringing; active: answered' }),
  answeredAt: z.iso.datetime().nullable(),
  reserved: amount,
  direction: nullableText(16),
  destination: nullableText(32),
  callerNumber: nullableText(128),
  lineId: z.uuid().nullable(),
  maxSeconds: z.int().meta({ description: 'the max duration authorize answered (the dialog timeout)' }),
  capSeconds: z.int().meta({
    description:
      'the longest the call may last from its answer, whatever its credit (max time); ≤ maxSeconds when set',
  }),
});

export class AccountLiveCallsDto extends createZodDto(
  z.object({
    accountId: z.uuid(),
    pool: z.object(poolFields).nullable().meta({ description: 'null when the account has no pool in Redis' }),
    calls: z.array(liveCallSchema),
  }),
) {}

export class EndRequestedDto extends createZodDto(
  z.object({ requested: z.int().meta({ description: 'calls call control was asked to end' }) }),
) {}

export const liveCallParameters = z.object({
  id: z.uuid({ error: 'must be a UUID' }),
  callId: z.string().min(1).max(512),
});

export class LiveCallParametersDto extends createZodDto(liveCallParameters) {}

export class CallMaxTimeDto extends createZodDto(
  z.object({
    seconds: z
      .int({ error: 'must be a whole number of seconds' })
      .min(1, { error: 'must be at least 1' })
      .meta({ description: "the call's new max time, from its answer", example: 600 }),
  }),
) {}

export class CallMaxTimeSetDto extends createZodDto(
  z.object({
    callId: z.string(),
    capSeconds: z.int(),
    endsAt: z.iso.datetime().nullable().meta({
      description: 'when call control ends the call; null while it rings (counted from its answer)',
    }),
  }),
) {}

export class LiveCallStatisticsDto extends createZodDto(
  z.object({
    liveAccounts: z.int().meta({ description: 'accounts of your scope with calls up or ringing' }),
    liveCalls: z.int(),
    callControl: z
      .object({
        meteringPasses: z.int(),
        callsMetered: z.int().meta({ description: 'answered calls metered, one per call per pass' }),
        endedByReason: z
          .record(z.string(), z.int())
          .meta({ description: 'calls call control ended: credit-exhausted, max-time, operator-kill…' }),
      })
      .nullable()
      .meta({ description: "call control's platform-wide totals since its data began; the owner only" }),
  }),
) {}
