import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBulk } from '../../src/core/bulk';
import { createClient, type FetchLike } from '../../src/core/http';

/**
 * One side of the bulk bench in a fresh process:
 *   node bulkWorker.js ours|ours-no-journal|bare <folder> <journal> <url> <key> <concurrency>
 * Prints {seconds, requests, rssGrowthMB} as JSON.
 */
const [side, folder, journal, url, key, concurrencyText] = process.argv.slice(2) as string[];
const concurrency = Number(concurrencyText);
const fetchLike: FetchLike = (target, init) => fetch(target, init);

/** The baseline: the same files, read, base64-encoded and POSTed by a bare fetch loop. */
async function bare(): Promise<number> {
  const names = (await readdir(folder as string)).sort();
  let next = 0;
  let requests = 0;
  const lane = async () => {
    while (next < names.length) {
      const name = names[next++] as string;
      const bytes = await readFile(join(folder as string, name));
      const body = JSON.stringify({
        Person: { CustomID: name.replace(/\.[^.]*$/, ''), Face: [{ 'Face-1': bytes.toString('base64') }] },
      });
      const response = await fetch(`${url}/multibiometrics/enroll`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': key as string },
        body,
      });
      await response.text();
      requests++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return requests;
}

async function main(): Promise<void> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let requests: number;
  if (side === 'bare') {
    requests = await bare();
  } else {
    const summary = await runBulk({
      command: 'enroll',
      source: folder as string,
      journal: journal as string,
      connection: {
        baseUrl: url as string,
        client: (sleep) => createClient({ fetch: fetchLike, baseUrl: url as string, key: key as string, sleep }),
      },
      concurrency,
      withoutJournal: side === 'ours-no-journal',
    });
    if (summary.end !== 'done') throw new Error(`the run ended ${summary.end}: ${summary.message ?? ''}`);
    requests = summary.requests;
  }
  const seconds = (performance.now() - started) / 1000;
  const rssGrowthMB = (process.resourceUsage().maxRSS * 1024 - rssBefore) / (1024 * 1024);
  process.stdout.write(JSON.stringify({ seconds, requests, rssGrowthMB }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
