/**
 * Gathers single items into batches: a batch is flushed when it holds `maxSize` items or `maxWaitMs`
 * after its first item came, whichever is first. Each `add` resolves with its own item's outcome.
 */
export class Batcher<Item, Outcome> {
  private pending: Array<{
    item: Item;
    resolve: (outcome: Outcome) => void;
    reject: (error: unknown) => void;
  }> = [];
  private timer: NodeJS.Timeout | undefined;
  private running = Promise.resolve();

  constructor(
    private readonly flush: (items: Item[]) => Promise<Outcome[]>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  add(item: Item): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.cut();
      else this.timer ??= setTimeout(() => this.cut(), this.maxWaitMs);
    });
  }

  /** Waits for every batch already cut to be written. */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.cut();
    await this.running;
  }

  /** Batches are written one after the other: two batches never lock the same balances in turn. */
  private cut(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.running = this.running.then(async () => {
      try {
        const outcomes = await this.flush(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(outcomes[index] as Outcome));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    });
  }
}
