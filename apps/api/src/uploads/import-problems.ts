import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** One reason a row of an uploaded file was rejected. */
export interface ImportProblem {
  line: number;
  field: string;
  reason: string;
  value: string | null;
}

const PROBLEMS_PER_INSERT = 1000;

/**
 * The problems of one import, written in batches as they are found (a whole bad file is never held),
 * into its problems table (rate_deck_import_problems, cdr_import_problems).
 */
export class ImportProblemSink<E extends ObjectLiteral> {
  private batch: ImportProblem[] = [];
  count = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<E>,
    private readonly owner: { tenantId: string; importId: string },
  ) {}

  async add(problem: ImportProblem): Promise<void> {
    this.batch.push(problem);
    this.count++;
    if (this.batch.length >= PROBLEMS_PER_INSERT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch.map((problem) => ({ ...problem, ...this.owner }));
    this.batch = [];
    await this.dataSource.getRepository(this.entity).insert(rows as never);
  }
}
