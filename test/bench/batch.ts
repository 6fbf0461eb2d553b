import { runBatch } from '../../src/core/batch';
import { createClient } from '../../src/core/http';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { personRequest } from '../../src/core/request/build';
import { startSandbox } from '../../src/core/sandbox';
import { MB, row } from './table';

/** 1,000 enrolls through the client and runBatch, against a bare fetch loop with the same bodies. */
export async function batch(): Promise<void> {
  const key = 'bench-fake-key-000000000001';
  const sandbox = await startSandbox({ keys: [key] });
  const face = sampleFaceJpeg(5).toString('base64');
  const count = 1000;
  const client = createClient({ fetch: (url, init) => fetch(url, init), baseUrl: sandbox.url, key });
  try {
    for (const concurrency of [1, 4, 16]) {
      const ids = Array.from({ length: count }, (_, i) => `b${concurrency}-${i}`);
      sandbox.reset();
      const rssBefore = process.memoryUsage().rss;
      let start = process.hrtime.bigint();
      await runBatch(ids, (id) => client.send('enroll', personRequest(id, { face })), { concurrency });
      const ours = count / (Number(process.hrtime.bigint() - start) / 1e9);
      const rssGrowth = (process.memoryUsage().rss - rssBefore) / MB;
      sandbox.reset();
      start = process.hrtime.bigint();
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const id = ids[next++] as string;
          const response = await fetch(`${sandbox.url}/multibiometrics/enroll`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': key },
            body: JSON.stringify(personRequest(id, { face })),
          });
          await response.text();
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      const bare = count / (Number(process.hrtime.bigint() - start) / 1e9);
      row(
        `${count} enrolls, concurrency ${concurrency} (req/s)`,
        ours,
        bare,
        'req/s',
        '>= 0.90 of bare',
        ours / bare >= 0.9,
      );
      row(`  RSS growth during those enrolls`, rssGrowth, undefined, 'MB', 'flat (reference)');
      if (concurrency === 16) row('sandbox throughput (bare fetch, c=16)', bare, undefined, 'req/s', 'reference');
    }
  } finally {
    await sandbox.close();
  }
}
