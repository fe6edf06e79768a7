import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../../native-models/runtime/job-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job queue', () => {
  it('runs jobs one at a time in FIFO order, and a failure does not block the next', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = queue.run(job('a', 20));
    const b = queue.run(job('b', 1, true));
    const c = queue.run(job('c', 1));
    expect(queue.pending).toBe(2);
    expect(await Promise.allSettled([a, b, c])).toMatchObject([{ value: 'a' }, { reason: new Error('b') }, { value: 'c' }]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.busy).toBe(false);
  });

  it('drops a waiting job whose signal fires, at once, with the signal reason', async () => {
    const queue = new JobQueue();
    const first = queue.run(() => sleep(50).then(() => 'first'));
    const controller = new AbortController();
    let ran = false;
    const second = queue.run(async () => {
      ran = true;
    }, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(second).rejects.toBe(reason);
    expect(queue.pending).toBe(0);
    expect(await first).toBe('first');
    expect(ran).toBe(false);
    await expect(queue.run(async () => 1, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
