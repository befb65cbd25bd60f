import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { currencyCode, money } from '../../http/field-schemas';

const positiveAmount = money.refine((amount) => amount.gt(0), { error: 'must be greater than zero' });

const postingFields = {
  idempotencyKey: z.string().trim().min(1).max(200).meta({
    description:
      'unique per account (or reseller): a replay with the same key and content answers the first entry with 200 and changes nothing',
  }),
  currency: currencyCode.optional().meta({
    description: "asserts the party's currency: refused with 422 when it differs",
  }),
  reference: z.string().trim().min(1).max(200).nullable().optional().meta({
    description: "an outside reference, e.g. a payment provider's id",
  }),
};

const reason = z.string().trim().min(1).max(500).meta({ description: 'why; kept as the description' });

export class TopUpDto extends createZodDto(
  z.strictObject({
    amount: positiveAmount,
    ...postingFields,
    description: z.string().trim().min(1).max(500).nullable().optional(),
  }),
  { codec: true },
) {}

export class AdjustmentDto extends createZodDto(
  z.strictObject({
    amount: money
      .refine((amount) => !amount.isZero(), { error: 'must not be zero' })
      .meta({ description: 'signed: positive credits the account, negative debits it' }),
    reason,
    ...postingFields,
  }),
  { codec: true },
) {}

export class RefundDto extends createZodDto(
  z.strictObject({
    amount: positiveAmount.meta({ description: 'the amount paid back to the customer; posted negative' }),
    reason,
    ...postingFields,
  }),
  { codec: true },
) {}
