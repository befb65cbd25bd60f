/** Items added together (one queue job's CDRs): written in the same batch, never split across two. */
interface PendingGroup<Item, Outcome> {
  items: Item[];
  resolve: (outcomes: Outcome[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers groups of items into batches: a batch is cut when it holds `maxSize` items (or the next group
 * would take it past them) or `maxWaitMs` after its first group came, whichever is first; a group larger
 * than `maxSize` is a batch of its own.
 * Up to `maxConcurrent` batches are written at once; the others wait their turn in order. Each `add`
 * resolves with its own items' outcomes, in order.
 */
export class Batcher<Item, Outcome> {
  private pending: Array<PendingGroup<Item, Outcome>> = [];
  private pendingItems = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly cut: Array<Array<PendingGroup<Item, Outcome>>> = [];
  private writing = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly flush: (groups: Item[][]) => Promise<Outcome[][]>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
    private readonly maxConcurrent = 1,
  ) {}

  add(items: Item[]): Promise<Outcome[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<Outcome[]>((resolve, reject) => {
      if (this.pendingItems > 0 && this.pendingItems + items.length > this.maxSize) this.cutBatch();
      this.pending.push({ items, resolve, reject });
      this.pendingItems += items.length;
      if (this.pendingItems >= this.maxSize) this.cutBatch();
      else this.timer ??= setTimeout(() => this.cutBatch(), this.maxWaitMs);
    });
  }

  /** Waits for every batch already added to be written. */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.cutBatch();
    if (this.writing === 0 && this.cut.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private cutBatch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.cut.push(this.pending);
    this.pending = [];
    this.pendingItems = 0;
    this.writeNext();
  }

  private writeNext(): void {
    while (this.writing < this.maxConcurrent && this.cut.length > 0) {
      const batch = this.cut.shift()!;
      this.writing += 1;
      void this.write(batch).finally(() => {
        this.writing -= 1;
        this.writeNext();
        if (this.writing === 0 && this.cut.length === 0 && this.pending.length === 0)
          for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  private async write(batch: Array<PendingGroup<Item, Outcome>>): Promise<void> {
    try {
      const outcomes = await this.flush(batch.map((group) => group.items));
      batch.forEach((group, index) => group.resolve(outcomes[index]!));
    } catch (error) {
      for (const group of batch) group.reject(error);
    }
  }
}
