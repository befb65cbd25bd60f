export interface RebuildScheduleOptions {
  /** Requests within this window after the first one are served by a single rebuild. */
  debounceMs: number;
  /** Safety rebuild period, whether or not anything was announced. */
  intervalMs: number;
}

/**
 * When the catalog rebuilds: once per burst of change requests (the first request opens a window of
 * `debounceMs`; the window is not extended, so a steady stream still rebuilds every `debounceMs`), never
 * two rebuilds at once (a request during a rebuild queues exactly one more), and every `intervalMs`.
 */
export class RebuildSchedule {
  private window: NodeJS.Timeout | undefined;
  private periodic: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly rebuild: () => Promise<unknown>,
    private readonly options: RebuildScheduleOptions,
  ) {}

  start(): void {
    this.periodic = setInterval(() => this.request(), this.options.intervalMs);
    this.periodic.unref();
  }

  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.window) return;
    this.window = setTimeout(() => this.run(), this.options.debounceMs);
    this.window.unref();
  }

  /** No rebuild starts after this; `idle()` waits for one in progress. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.window);
    clearInterval(this.periodic);
    this.window = undefined;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private run(): void {
    this.window = undefined;
    this.running = this.rebuild()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.request();
        }
      });
  }
}
