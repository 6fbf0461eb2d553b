import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { proxiedFetch } from '../../src/cli/transport';
import { runBulk } from '../../src/core/bulk';
import { boundHeapGrowthForBulk } from '../../src/core/bulk/heapGrowth';
import { createClient, type FetchLike } from '../../src/core/http';

/**
 * One side of the bulk bench in a fresh process:
 *   node --expose-gc bulkWorker.js ours|ours-no-journal|ours-v8-default|bare|resume <folder> <warm-up folder|-> <journal> <url> <key> <concurrency>
 * First the same side over the warm-up folder (other CustomIDs, its own journal), untimed, so
 * both sides are measured with undici loaded, their code compiled and the heap at its working
 * size; then the run over <folder>, timed. `resume` runs ours on a finished journal with no
 * warm-up, as a user's second run starts. Prints {seconds, requests, rssGrowthMB, cpuMsPerRequest,
 * warmUpSeconds} as JSON; RSS growth is the peak during the timed run less the RSS at its start.
 * Ours sends over the CLI's transport (undici's request), as `biopassid bulk` does, but
 * `ours-v8-default`, which stands for the editor's host: Node's fetch (VS Code's is Node's) under
 * V8's default heap growth.
 */
const [side, folder, warmFolder, journal, url, key, concurrencyText] = process.argv.slice(2) as string[];
const concurrency = Number(concurrencyText);
const fetchLike: FetchLike = side === 'ours-v8-default' ? (target, init) => fetch(target, init) : proxiedFetch();

/** The baseline: the same files, read, base64-encoded and POSTed by a bare fetch loop. */
async function bare(source: string): Promise<number> {
  const names = (await readdir(source)).sort();
  let next = 0;
  let requests = 0;
  const lane = async () => {
    while (next < names.length) {
      const name = names[next++] as string;
      const bytes = await readFile(join(source, name));
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

async function ours(source: string, journalPath: string, withoutJournal: boolean): Promise<number> {
  const summary = await runBulk({
    command: 'enroll',
    source,
    journal: journalPath,
    connection: {
      baseUrl: url as string,
      client: (sleep) => createClient({ fetch: fetchLike, baseUrl: url as string, key: key as string, sleep }),
    },
    concurrency,
    withoutJournal,
  });
  if (summary.end !== 'done') throw new Error(`the run ended ${summary.end}: ${summary.message ?? ''}`);
  return summary.requests;
}

function run(source: string, journalPath: string): Promise<number> {
  return side === 'bare' ? bare(source) : ours(source, journalPath, side === 'ours-no-journal');
}

// Every side runs under the heap setting the CLI's bulk command makes, as a user's run does,
// but `ours-v8-default`: the runner under V8's defaults, as in the editor's shared host.
if (side !== 'ours-v8-default') boundHeapGrowthForBulk();

/** RSS after full GCs, with a pause between them for finalization callbacks (fetch registers one per request). */
async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc?.();
  return process.memoryUsage.rss();
}

async function main(): Promise<void> {
  let warmUpSeconds = 0;
  if (side !== 'resume' && warmFolder && warmFolder !== '-') {
    const warmStarted = performance.now();
    await run(warmFolder, `${journal}.warm-up.jsonl`);
    warmUpSeconds = (performance.now() - warmStarted) / 1000;
  }
  const rssStart = await settledRss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  // The peak during the run: the process's own maximum when the run set a new one, else sampled.
  let sampledPeak = rssStart;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 20);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const requests = await run(folder as string, journal as string);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const peak = Math.max(sampledPeak, process.memoryUsage.rss(), maxRssAfter > maxRssBefore ? maxRssAfter : 0);
  process.stdout.write(
    JSON.stringify({
      seconds,
      requests,
      rssGrowthMB: (peak - rssStart) / (1024 * 1024),
      cpuMsPerRequest: requests > 0 ? (cpu.user + cpu.system) / 1000 / requests : 0,
      warmUpSeconds,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
