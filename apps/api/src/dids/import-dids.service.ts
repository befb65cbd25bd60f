import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Did, DidStatus } from '@tollgate/db';
import { ZodValidationException } from 'nestjs-zod';
import { type EntityManager, In } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { TenantResources } from '../tenancy/tenant-resources';
import { recordDidSteps } from './did-history';
import { assertStaff } from './did-transitions';
import { vendorProblem, vendorsInScope } from './did-vendors';
import { feesOrZero } from './dids.service';
import { type ImportDidRangeDto, type ImportDidRowsDto, numbersInRange } from './dto/did-import.dto';
import { ScopedDids } from './scoped-dids';

// 23 columns a row: well below PostgreSQL's 65,535 parameters a statement.
const DIDS_PER_INSERT = 1000;

type ImportRow = ImportDidRowsDto['rows'][number];

/** A rejected row: `field` is its path in the request, e.g. rows.3.number or numbers.12. */
interface RowProblem {
  path: Array<string | number>;
  reason: string;
}

export interface ImportResult {
  created: number;
  importId: string;
}

/**
 * Many numbers in one request, all or nothing: every problem of every row is reported at once (400,
 * one error per row and field, duplicates of the inventory included) and nothing is written.
 */
@Injectable()
export class ImportDidsService {
  constructor(
    private readonly resources: TenantResources,
    private readonly audit: AuditTrail,
  ) {}

  /** Every number from `from` to `to` with the same country, currency, vendor and fees. */
  range(actor: Actor, input: ImportDidRangeDto): Promise<ImportResult> {
    const { from, to, tenantId, ...shared } = input;
    const rows = numbersInRange(from, to).map((number) => ({ ...shared, number }));
    return this.import(actor, tenantId, rows, (index, field) =>
      field === 'number' ? ['numbers', index] : [field],
    );
  }

  /** Numbers each with its own fields (what a CSV export of a carrier's order gives). */
  rows(actor: Actor, input: ImportDidRowsDto): Promise<ImportResult> {
    return this.import(actor, input.tenantId, input.rows, (index, field) => ['rows', index, field]);
  }

  private async import(
    actor: Actor,
    requestedTenantId: string | undefined,
    rows: readonly ImportRow[],
    pathOf: (index: number, field: keyof ImportRow) => Array<string | number>,
  ): Promise<ImportResult> {
    assertStaff(actor);
    const tenantId = requestedTenantId ?? actor.scope.tenantId;
    const importId = randomUUID();
    return this.resources.transaction(async (manager) => {
      await new ScopedDids(manager, actor.scope).assertTenantInScope(tenantId);
      const problems = await this.problems(actor, manager, tenantId, rows, pathOf);
      if (problems.length > 0) throw rowErrors(problems);
      const dids = rows.map((row) =>
        manager.getRepository(Did).create({
          id: randomUUID(),
          tenantId,
          number: row.number,
          country: row.country,
          currency: row.currency,
          vendorId: row.vendorId ?? null,
          ...feesOrZero(row),
          status: DidStatus.Available,
        }),
      );
      for (let start = 0; start < dids.length; start += DIDS_PER_INSERT)
        await manager
          .createQueryBuilder()
          .insert()
          .into(Did)
          .values(dids.slice(start, start + DIDS_PER_INSERT))
          .updateEntity(false)
          .execute();
      await recordDidSteps(
        manager,
        actor,
        dids.map((did) => ({
          did,
          step: {
            event: 'added',
            fromStatus: null,
            toStatus: DidStatus.Available,
            accountId: null,
            details: { importId },
          },
        })),
      );
      await this.audit.record(manager, actor, {
        action: 'did.import',
        entityType: 'did-import',
        entityId: importId,
        tenantId,
        after: { created: dids.length, first: dids[0]!.number, last: dids[dids.length - 1]!.number },
      });
      return { created: dids.length, importId };
    });
  }

  /** Every problem of every row, in row order: a repeated number, one already in the inventory, a bad vendor. */
  private async problems(
    actor: Actor,
    manager: EntityManager,
    tenantId: string,
    rows: readonly ImportRow[],
    pathOf: (index: number, field: keyof ImportRow) => Array<string | number>,
  ): Promise<RowProblem[]> {
    const numbers = rows.map((row) => row.number);
    const existing = await numbersInInventory(manager, numbers);
    const vendors = await vendorsInScope(
      actor,
      manager,
      rows.flatMap((row) => (row.vendorId ? [row.vendorId] : [])),
    );
    const firstRowOf = new Map<string, number>();
    const problems: RowProblem[] = [];
    rows.forEach((row, index) => {
      const first = firstRowOf.get(row.number);
      if (first !== undefined)
        problems.push({
          path: pathOf(index, 'number'),
          reason: `${row.number} is repeated: first at ${pathOf(first, 'number').join('.')}`,
        });
      else if (existing.has(row.number))
        problems.push({ path: pathOf(index, 'number'), reason: `${row.number} is already in the inventory` });
      else firstRowOf.set(row.number, index);
      if (row.vendorId) {
        const vendor = vendors.get(row.vendorId);
        const reason = vendor ? vendorProblem(vendor, tenantId, row.currency) : 'vendor not found';
        if (reason) problems.push({ path: pathOf(index, 'vendorId'), reason });
      }
    });
    // A range shares its vendor: one problem for it, not one per number.
    return dedupe(problems);
  }
}

async function numbersInInventory(manager: EntityManager, numbers: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < numbers.length; start += DIDS_PER_INSERT) {
    const rows = await manager.getRepository(Did).find({
      select: { number: true },
      where: { number: In(numbers.slice(start, start + DIDS_PER_INSERT)) },
    });
    for (const row of rows) found.add(row.number);
  }
  return found;
}

function dedupe(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join('.')}\u0000${problem.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The same 400 as a schema failure: one error per bad row and field. */
function rowErrors(problems: readonly RowProblem[]): ZodValidationException {
  return new ZodValidationException(
    new z.ZodError(
      problems.map((problem) => ({
        code: 'custom' as const,
        path: problem.path,
        message: problem.reason,
        input: undefined,
      })),
    ),
  );
}
