import { describe, expect, it } from 'vitest';
import { pool } from '../../../src/main/sync/pool';

/** A call the test answers by hand, so the order of starts and answers is the test's own. */
interface Pending {
  item: number;
  answer: (value: number) => void;
  fail: (error: Error) => void;
}

function manual() {
  const started: Pending[] = [];
  let settled = 0;
  const work = (item: number) =>
    new Promise<number>((resolve, reject) => {
      started.push({ item, answer: resolve, fail: reject });
    }).finally(() => (settled += 1));
  return { started, work, settled: () => settled };
}

/** Lets the pool's workers run up to their next await. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('pool', () => {
  it('keeps at most `concurrency` calls in flight and returns the results in input order', async () => {
    const { started, work } = manual();
    const run = pool([1, 2, 3, 4, 5], 2, work);
    await turn();
    expect(started.map((p) => p.item)).toEqual([1, 2]);
    started[1]!.answer(20);
    await turn();
    expect(started.map((p) => p.item)).toEqual([1, 2, 3]);
    started[0]!.answer(10);
    await turn();
    for (const p of started.slice(2)) p.answer(p.item * 10);
    await turn();
    for (const p of started.slice(3)) p.answer(p.item * 10);
    await expect(run).resolves.toEqual([10, 20, 30, 40, 50]);
  });

  it('starts nothing once a call has failed, and rejects only after the calls in flight have settled', async () => {
    const { started, work, settled } = manual();
    const run = pool(Array.from({ length: 20 }, (_, i) => i), 3, work);
    let rejected = false;
    run.catch(() => (rejected = true));
    await turn();
    started[0]!.fail(new Error('401 token refused'));
    await turn();
    // The two calls already in flight answer; neither starts another.
    started[1]!.answer(1);
    await turn();
    expect(rejected).toBe(false);
    started[2]!.fail(new Error('401 again'));
    await expect(run).rejects.toThrow('401 token refused');
    expect(started.map((p) => p.item)).toEqual([0, 1, 2]);
    expect(settled()).toBe(3);
  });

  it('stops taking items after a result that asks it to; the rest have no result', async () => {
    const { started, work } = manual();
    const run = pool([1, 2, 3, 4, 5, 6], 2, work, (n) => n < 0);
    await turn();
    started[0]!.answer(-1);
    await turn();
    started[1]!.answer(2);
    await expect(run).resolves.toEqual([-1, 2, undefined, undefined, undefined, undefined]);
    expect(started).toHaveLength(2);
  });
});
