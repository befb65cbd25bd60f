import { BillingType } from '@tollgate/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { money, timestamp } from '../../http/field-schemas';

const balanceFields = {
  amount: money.meta({ description: 'the sum of the ledger: positive = credit, negative = owed' }),
  currency: z.string(),
  billingType: z.enum(BillingType),
  creditLimit: money.meta({ description: 'how far below zero a postpaid balance may go' }),
  available: money.meta({ description: 'amount + creditLimit when postpaid, amount when prepaid' }),
  updatedAt: timestamp.nullable().meta({ description: 'last posting; null before the first one' }),
};

export class AccountBalanceDto extends createZodDto(z.object({ accountId: z.uuid(), ...balanceFields }), {
  codec: true,
}) {}

export class ResellerBalanceDto extends createZodDto(z.object({ resellerId: z.uuid(), ...balanceFields }), {
  codec: true,
}) {}
