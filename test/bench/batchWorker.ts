import { runBatch } from '../../src/core/batch';
import { createClient } from '../../src/core/http';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { personRequest } from '../../src/core/request/build';

/**
 * One side of the batch figure in a fresh process, so the two sides never share a JIT or a heap:
 *   node --expose-gc batchWorker.js ours|bare <sandbox url> <key> <concurrency> <count> <warm-up> <tag>
 * Sends `count` enrolls from a cold start (timed: coldRate), then more up to `warm-up` in all, then
 * `count` timed ones in the steady state (rate). CustomIDs start with `tag`, so every process
 * enrolls new people. Prints { coldRate, rate, heapGrowthMB, rssGrowthMB } as JSON: requests per
 * second, and how much the JS heap and the resident set grew over the steady-state part, each end
 * taken after a full GC.
 */
type Send = (index: number) => Promise<void>;

/**
 * Memory after full GCs (the worker runs with --expose-gc), so growth means retention. The pause
 * between two collections lets finalization callbacks run (fetch registers one per request
 * signal); without it their records still counted as retained, about 1 KB a request.
 */
async function settledMemory(): Promise<{ rss: number; heap: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed };
}

/** `ours`: the client through runBatch, as the extension and the CLI run a batch. */
function oursSender(
  url: string,
  key: string,
  face: string,
  tag: string,
): (count: number, concurrency: number) => Promise<void> {
  const client = createClient({ fetch: (target, init) => fetch(target, init), baseUrl: url, key });
  let round = 0;
  return async (count, concurrency) => {
    round++;
    const send: Send = async (index) => {
      await client.send('enroll', personRequest(`${tag}-${round}-${index}`, { face }));
    };
    await runBatch(
      Array.from({ length: count }, (_, i) => i),
      (index) => send(index),
      { concurrency },
    );
  };
}

/** `bare`: a plain loop of fetch calls with the same bodies, reading each answer as text. */
function bareSender(
  url: string,
  key: string,
  face: string,
  tag: string,
): (count: number, concurrency: number) => Promise<void> {
  let round = 0;
  return async (count, concurrency) => {
    round++;
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const index = next++;
        const response = await fetch(`${url}/multibiometrics/enroll`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': key },
          body: JSON.stringify(personRequest(`${tag}-${round}-${index}`, { face })),
        });
        await response.text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  };
}

async function main(): Promise<void> {
  const [side, url, key, concurrencyText, countText, warmupText, tag] = process.argv.slice(2);
  if ((side !== 'ours' && side !== 'bare') || !url || !key || !tag) {
    throw new Error('usage: batchWorker.js ours|bare <url> <key> <concurrency> <count> <warm-up> <tag>');
  }
  const concurrency = Number(concurrencyText);
  const count = Number(countText);
  const face = sampleFaceJpeg(5).toString('base64');
  const run = (side === 'ours' ? oursSender : bareSender)(url, key, face, tag);
  const timed = async () => {
    const start = process.hrtime.bigint();
    await run(count, concurrency);
    return count / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  const coldRate = await timed();
  await run(Math.max(0, Number(warmupText) - count), concurrency);
  const before = await settledMemory();
  const rate = await timed();
  const after = await settledMemory();
  const MB = 1024 * 1024;
  process.stdout.write(
    JSON.stringify({
      coldRate,
      rate,
      heapGrowthMB: (after.heap - before.heap) / MB,
      rssGrowthMB: (after.rss - before.rss) / MB,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
