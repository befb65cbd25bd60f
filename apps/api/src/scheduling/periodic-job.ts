import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

/**
 * Work each API process does on a timer, from bootstrap on: a run starts only once the last one has
 * ended, and shutdown waits for the one going on. Every replica runs it too, so a run must be idempotent.
 */
export abstract class PeriodicJob<Outcome> implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  /** One run as of `now`. */
  abstract run(now?: Date): Promise<Outcome>;

  protected abstract readonly intervalMs: number;

  /** What the log says of a run that did something; nothing for an idle one. */
  protected abstract summaryOf(outcome: Outcome): string | undefined;

  /** What the log says, before the reason, of a run that failed as a whole. */
  protected abstract readonly failureMessage: string;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.run()
      .then((outcome) => {
        const summary = this.summaryOf(outcome);
        if (summary) this.logger.log(summary);
      })
      .catch((error: Error) => this.logger.error(`${this.failureMessage}: ${error.message}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
