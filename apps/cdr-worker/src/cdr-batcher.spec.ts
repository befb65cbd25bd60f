import { describe, expect, it } from 'vitest';
import { Batcher } from './cdr-batcher';

/** A flush that records its batches and finishes when told to. */
function recordingFlush() {
  const batches: Array<{ groups: number[][]; finish: () => void }> = [];
  let writing = 0;
  let mostAtOnce = 0;
  const flush = (groups: number[][]) =>
    new Promise<string[][]>((resolve) => {
      writing += 1;
      mostAtOnce = Math.max(mostAtOnce, writing);
      batches.push({
        groups,
        finish: () => {
          writing -= 1;
          resolve(groups.map((group) => group.map((item) => `done ${item}`)));
        },
      });
    });
  return { flush, batches, mostAtOnce: () => mostAtOnce };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('keeps a group whole, never past maxSize items unless one group is larger, and answers each group its outcomes', async () => {
    const { flush, batches } = recordingFlush();
    const batcher = new Batcher(flush, 4, 60_000, 1);
    const first = batcher.add([1, 2]);
    const second = batcher.add([3, 4]);
    const third = batcher.add([5, 6, 7]);
    const large = batcher.add([8, 9, 10, 11, 12]);
    await tick();
    // [1, 2] + [3, 4] fill a batch; [5, 6, 7] waits, then goes alone: [8…12] would take it past 4.
    expect(batches.map((batch) => batch.groups)).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    batches[0]!.finish();
    expect(await first).toEqual(['done 1', 'done 2']);
    expect(await second).toEqual(['done 3', 'done 4']);
    await tick();
    expect(batches[1]!.groups).toEqual([[5, 6, 7]]);
    batches[1]!.finish();
    expect(await third).toEqual(['done 5', 'done 6', 'done 7']);
    await tick();
    expect(batches[2]!.groups).toEqual([[8, 9, 10, 11, 12]]);
    batches[2]!.finish();
    expect(await large).toHaveLength(5);
    expect(await batcher.add([])).toEqual([]);
  });

  it('cuts a batch that does not fill after maxWaitMs', async () => {
    const { flush, batches } = recordingFlush();
    const batcher = new Batcher(flush, 100, 10, 1);
    const outcome = batcher.add([1]);
    await tick();
    expect(batches).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches.map((batch) => batch.groups)).toEqual([[[1]]]);
    batches[0]!.finish();
    expect(await outcome).toEqual(['done 1']);
  });

  it('writes at most maxConcurrent batches at once, the others in order, and drains them all', async () => {
    const { flush, batches, mostAtOnce } = recordingFlush();
    const batcher = new Batcher(flush, 2, 60_000, 2);
    const outcomes = [batcher.add([1, 2]), batcher.add([3, 4]), batcher.add([5, 6]), batcher.add([7])];
    await tick();
    expect(batches.map((batch) => batch.groups)).toEqual([[[1, 2]], [[3, 4]]]);
    let drained = false;
    const draining = batcher.drain().then(() => (drained = true));
    batches[1]!.finish();
    await tick();
    expect(batches.map((batch) => batch.groups)).toEqual([[[1, 2]], [[3, 4]], [[5, 6]]]);
    batches[0]!.finish();
    await tick();
    expect(batches[3]!.groups).toEqual([[7]]);
    batches[2]!.finish();
    await tick();
    expect(drained).toBe(false);
    batches[3]!.finish();
    await draining;
    expect(await Promise.all(outcomes)).toHaveLength(4);
    expect(mostAtOnce()).toBe(2);
  });

  it('rejects every group of a batch whose flush throws', async () => {
    const batcher = new Batcher<number, string>(() => Promise.reject(new Error('database down')), 2, 60_000);
    const results = [batcher.add([1]), batcher.add([2])];
    await expect(results[0]).rejects.toThrow('database down');
    await expect(results[1]).rejects.toThrow('database down');
  });
});
