import * as assert from 'node:assert/strict';
import { runBatch } from '../../../src/core/batch';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBatch (multi-image runs)', () => {
  it('keeps at most `concurrency` items in flight and returns results in item order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await runBatch(
      [5, 1, 4, 2, 3],
      async (delay, index) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        for (let i = 0; i < delay; i++) await tick();
        inFlight--;
        return `item ${index}`;
      },
      { concurrency: 2 },
    );
    assert.equal(peak, 2);
    assert.deepEqual(
      results.map((result) => (result.status === 'done' ? result.value : 'skipped')),
      ['item 0', 'item 1', 'item 2', 'item 3', 'item 4'],
    );
  });

  it('starts nothing more once cancelled, and reports the rest as skipped', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const settledCounts: number[] = [];
    const results = await runBatch(
      [0, 1, 2, 3, 4, 5],
      async (item) => {
        started.push(item);
        if (item === 1) controller.abort();
        await tick();
        return item;
      },
      { concurrency: 2, signal: controller.signal, onSettled: (count) => settledCounts.push(count) },
    );
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['done', 'done', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
    assert.deepEqual(settledCounts, [1, 2]);
  });

  it('handles an empty batch and a concurrency above the item count', async () => {
    assert.deepEqual(await runBatch([], async () => 1, { concurrency: 4 }), []);
    const results = await runBatch(['a'], async (item) => item.toUpperCase(), { concurrency: 16 });
    assert.deepEqual(results, [{ status: 'done', value: 'A' }]);
  });
});
