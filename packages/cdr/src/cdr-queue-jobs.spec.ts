import { describe, expect, it } from 'vitest';
import { cdrJobId, cdrJobSchema, type CdrJob } from './cdr-job';
import {
  CDR_BATCH_JOB_NAME,
  CDR_JOB_NAME,
  CdrHandOverBuffer,
  cdrBatchJobId,
  cdrQueueEntries,
  cdrsOfJobData,
  singleCdrJobIdOf,
  type CdrQueueEntry,
} from './cdr-queue-jobs';

function cdr(callId: string, leg = 'a'): CdrJob {
  return cdrJobSchema.parse({
    source: 'rest',
    callId,
    leg,
    accountId: '00000000-0000-4000-8000-000000000001',
    direction: 'outbound',
    destination: '4930123456',
    startedAt: '2026-11-23T12:00:00Z',
    endedAt: '2026-11-23T12:01:00Z',
    durationSeconds: 60,
    disposition: 'answered',
  });
}

describe('CDR queue jobs', () => {
  it('puts up to maxPerJob CDRs in a job, a lone CDR in a job of its own under its Call-ID + leg id', () => {
    const cdrs = ['a@x', 'b@x', 'c@x', 'd@x', 'e@x'].map((id) => cdr(id));
    const entries = cdrQueueEntries(cdrs, 2);
    expect(entries.map((entry) => [entry.name, cdrsOfJobData(entry.data).length])).toEqual([
      [CDR_BATCH_JOB_NAME, 2],
      [CDR_BATCH_JOB_NAME, 2],
      [CDR_JOB_NAME, 1],
    ]);
    expect(entries[2]!.data).toEqual(cdrs[4]);
    expect(entries[2]!.opts.jobId).toBe(cdrJobId('e@x', 'a'));
    expect(entries[0]!.opts.jobId).toBe(cdrBatchJobId(cdrs.slice(0, 2)));
    expect(entries[0]!.opts).toMatchObject({ attempts: 8, removeOnFail: false });
  });

  it('names a batch by its CDRs: the same CDRs in the same order, the same id; anything else, another', () => {
    const [a, b] = [cdr('a@x'), cdr('b@x')];
    expect(cdrBatchJobId([a, b])).toBe(cdrBatchJobId([cdr('a@x'), cdr('b@x')]));
    expect(cdrBatchJobId([a, b])).not.toBe(cdrBatchJobId([b, a]));
    expect(cdrBatchJobId([a, b])).not.toBe(cdrBatchJobId([a, cdr('b@x', 'b')]));
    // A separator inside a Call-ID cannot make two lists collide.
    expect(cdrBatchJobId([cdr('a@x\0a\nb@x')])).not.toBe(cdrBatchJobId([a, b]));
    expect(cdrBatchJobId([a, b])).toMatch(/^cdrs-[A-Za-z0-9_-]+$/);
  });

  it('gives a CDR taken out of a batch its own job id, and a malformed one an id of its content', () => {
    expect(singleCdrJobIdOf(cdr('a@x', 'b'))).toBe(cdrJobId('a@x', 'b'));
    expect(singleCdrJobIdOf({ callId: 'a@x' })).toBe(cdrJobId('a@x', 'a'));
    const bad = singleCdrJobIdOf({ callId: 'a@x', leg: 'A:1' });
    expect(bad).toMatch(/^cdr-malformed-/);
    expect(singleCdrJobIdOf({ callId: 'a@x', leg: 'A:1' })).toBe(bad);
    expect(singleCdrJobIdOf(null)).not.toBe(bad);
  });
});

describe('CdrHandOverBuffer', () => {
  function deferred() {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    return { promise, resolve, reject };
  }

  it('sends a CDR at once, and the CDRs that come meanwhile together when the send returns', async () => {
    const sends: Array<{ entries: CdrQueueEntry[]; done: ReturnType<typeof deferred> }> = [];
    const buffer = new CdrHandOverBuffer((entries) => {
      const done = deferred();
      sends.push({ entries, done });
      return done.promise;
    }, 2);
    const settled: string[] = [];
    const first = buffer.add(cdr('1@x')).then(() => settled.push('1'));
    expect(sends).toHaveLength(1);
    expect(sends[0]!.entries.map((entry) => entry.name)).toEqual([CDR_JOB_NAME]);
    const later = ['2@x', '3@x', '4@x'].map((id) => buffer.add(cdr(id)).then(() => settled.push(id)));
    expect(sends).toHaveLength(1);
    sends[0]!.done.resolve();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(['1']);
    expect(sends).toHaveLength(2);
    expect(sends[1]!.entries.map((entry) => [entry.name, cdrsOfJobData(entry.data).length])).toEqual([
      [CDR_BATCH_JOB_NAME, 2],
      [CDR_JOB_NAME, 1],
    ]);
    sends[1]!.done.resolve();
    await Promise.all(later);
    expect(settled).toEqual(['1', '2@x', '3@x', '4@x']);
  });

  it('rejects every CDR of a send that failed, and sends the next ones anyway', async () => {
    const sends: Array<ReturnType<typeof deferred>> = [];
    const buffer = new CdrHandOverBuffer(() => {
      const done = deferred();
      sends.push(done);
      return done.promise;
    });
    const first = buffer.add(cdr('1@x'));
    const second = buffer.add(cdr('2@x'));
    const third = buffer.add(cdr('3@x'));
    sends[0]!.resolve();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    sends[1]!.reject(new Error('Redis is down'));
    await expect(second).rejects.toThrow('Redis is down');
    await expect(third).rejects.toThrow('Redis is down');
    const fourth = buffer.add(cdr('4@x'));
    expect(sends).toHaveLength(3);
    sends[2]!.resolve();
    await expect(fourth).resolves.toBeUndefined();
  });
});
