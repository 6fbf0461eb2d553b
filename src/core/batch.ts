/**
 * Runs work over items with at most `concurrency` in flight, in order of the items. Cancelling
 * stops new items from starting; items never started are reported as skipped, so a summary
 * always accounts for every item.
 */
export type BatchResult<R> = { status: 'done'; value: R } | { status: 'skipped' };

export interface BatchOptions {
  concurrency: number;
  signal?: AbortSignal;
  onSettled?: (settledCount: number) => void;
}

export async function runBatch<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
  { concurrency, signal, onSettled }: BatchOptions,
): Promise<BatchResult<R>[]> {
  const results: BatchResult<R>[] = items.map(() => ({ status: 'skipped' }));
  let next = 0;
  let settled = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = { status: 'done', value: await work(items[index] as T, index) };
      onSettled?.(++settled);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(concurrency), items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
