import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RebuildSchedule } from './rebuild-schedule';

describe('rebuild schedule', () => {
  let rebuilds: number;
  let finish: Array<() => void>;
  let outcome: 'instant' | 'held' | 'failing';

  beforeEach(() => {
    vi.useFakeTimers();
    rebuilds = 0;
    finish = [];
    outcome = 'instant';
  });
  afterEach(() => vi.useRealTimers());

  const schedule = (intervalMs = 60_000) =>
    new RebuildSchedule(
      () => {
        rebuilds++;
        if (outcome === 'failing') return Promise.reject(new Error('database down'));
        if (outcome === 'instant') return Promise.resolve();
        return new Promise<void>((resolve) => finish.push(resolve));
      },
      { debounceMs: 200, intervalMs },
    );

  it('serves a burst of requests within the window with one rebuild, after the window', async () => {
    const rebuild = schedule();
    for (let i = 0; i < 20; i++) rebuild.request();
    await vi.advanceTimersByTimeAsync(199);
    expect(rebuilds).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(rebuilds).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rebuilds).toBe(1);
  });

  it('does not extend the window, so a steady stream of requests still rebuilds every window', async () => {
    const rebuild = schedule();
    for (let t = 0; t < 1000; t += 50) {
      rebuild.request();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(rebuilds).toBe(5);
  });

  it('never runs two rebuilds at once: requests during one queue exactly one more', async () => {
    outcome = 'held';
    const rebuild = schedule();
    rebuild.request();
    await vi.advanceTimersByTimeAsync(200);
    expect(rebuilds).toBe(1);
    for (let i = 0; i < 5; i++) rebuild.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(rebuilds).toBe(1);
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(200);
    expect(rebuilds).toBe(2);
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(rebuilds).toBe(2);
  });

  it('rebuilds periodically once started, and keeps going after failed rebuilds', async () => {
    outcome = 'failing';
    const rebuild = schedule(5_000);
    rebuild.start();
    await vi.advanceTimersByTimeAsync(15_300);
    expect(rebuilds).toBe(3);
    rebuild.request();
    await vi.advanceTimersByTimeAsync(200);
    expect(rebuilds).toBe(4);
    rebuild.stop();
  });

  it('starts nothing once stopped, and lets the caller wait for the rebuild in progress', async () => {
    outcome = 'held';
    const rebuild = schedule(1_000);
    rebuild.start();
    rebuild.request();
    await vi.advanceTimersByTimeAsync(200);
    rebuild.request();
    rebuild.stop();
    let idle = false;
    void rebuild.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(idle).toBe(false);
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(idle).toBe(true);
    expect(rebuilds).toBe(1);
  });
});
