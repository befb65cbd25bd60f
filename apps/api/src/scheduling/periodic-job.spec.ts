import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicJob } from './periodic-job';

/** A job whose runs end when the test says so. */
class GatedJob extends PeriodicJob<number> {
  protected readonly intervalMs = 1000;
  protected readonly failureMessage = 'gated job failed';
  readonly started: Array<() => void> = [];
  readonly summaries: number[] = [];

  run(): Promise<number> {
    return new Promise((done) => this.started.push(() => done(this.started.length)));
  }

  protected summaryOf(outcome: number): string | undefined {
    this.summaries.push(outcome);
    return undefined;
  }
}

describe('a periodic job', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs every interval from bootstrap, never twice at once', async () => {
    const job = new GatedJob();
    job.onApplicationBootstrap();
    expect(job.started).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(job.started).toHaveLength(1);
    job.started[0]!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.summaries).toEqual([1]);
    expect(job.started).toHaveLength(2);
    job.started[1]!();
    await job.onModuleDestroy();
  });

  it('waits at shutdown for the run going on, and starts no other', async () => {
    const job = new GatedJob();
    job.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(1000);
    let stopped = false;
    const stopping = job.onModuleDestroy().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).toBe(false);
    job.started[0]!();
    await stopping;
    expect(job.started).toHaveLength(1);
  });

  it('keeps running after a run that failed', async () => {
    const job = new (class extends GatedJob {
      private failures = 1;
      override run(): Promise<number> {
        return this.failures-- > 0 ? Promise.reject(new Error('database away')) : super.run();
      }
    })();
    job.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(2000);
    expect(job.started).toHaveLength(1);
    job.started[0]!();
    await job.onModuleDestroy();
  });
});
