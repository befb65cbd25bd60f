import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { didInventoryFields, didNumber, ownerTenantField } from './did.dto';

/** The most numbers one request adds (a range or rows), written all or nothing. */
export const MAX_DIDS_PER_IMPORT = 10_000;

export class ImportDidRangeDto extends createZodDto(
  z
    .strictObject({
      from: didNumber.meta({ description: 'first number of the range', example: '493023125000' }),
      to: didNumber.meta({ description: 'last number of the range (inclusive)', example: '493023125099' }),
      ...didInventoryFields,
      tenantId: ownerTenantField,
    })
    .superRefine((range, context) => {
      const problem = rangeProblem(range.from, range.to);
      if (problem) context.issues.push({ code: 'custom', path: ['to'], message: problem, input: range.to });
    }),
  { codec: true },
) {}

export class ImportDidRowsDto extends createZodDto(
  z.strictObject({
    rows: z
      .array(z.strictObject({ number: didNumber, ...didInventoryFields }))
      .min(1)
      .max(MAX_DIDS_PER_IMPORT)
      .meta({
        description: `1 to ${MAX_DIDS_PER_IMPORT} numbers, each with its own country, currency, vendor and fees`,
      }),
    tenantId: ownerTenantField,
  }),
  { codec: true },
) {}

export class ImportDidsResultDto extends createZodDto(
  z.object({
    created: z.int().meta({ description: 'numbers added, all available' }),
    importId: z.uuid().meta({ description: "in the audit log and in each number's first history event" }),
  }),
  { codec: true },
) {}

/** Every number from `from` to `to`, inclusive (both already checked by `rangeProblem`). */
export function numbersInRange(from: string, to: string): string[] {
  const numbers: string[] = [];
  for (let n = BigInt(from); n <= BigInt(to); n++) numbers.push(n.toString());
  return numbers;
}

function rangeProblem(from: string, to: string): string | undefined {
  if (from.length !== to.length) return 'must have as many digits as from';
  if (BigInt(to) < BigInt(from)) return 'must not be below from';
  const count = BigInt(to) - BigInt(from) + 1n;
  if (count > BigInt(MAX_DIDS_PER_IMPORT))
    return `the range holds ${count} numbers: at most ${MAX_DIDS_PER_IMPORT} are added at once`;
  return undefined;
}
