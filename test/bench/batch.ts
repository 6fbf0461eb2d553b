import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { runBatch } from '../../src/core/batch';
import { createClient } from '../../src/core/http';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { personRequest } from '../../src/core/request/build';
import { MB, row } from './table';

const KEY = 'bench-fake-key-000000000001';
const COUNT = 1000;
const WARMUP = 100;

/** The sandbox as its own process (the shipped CLI), so its work does not share our event loop. */
async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess }> {
  const cli = join(__dirname, '../../../dist/cli.js');
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--key', KEY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before listening`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
      if (match) resolve(match[0]);
    });
  });
  child.stdout?.resume();
  return { url, child };
}

/** RSS after a full garbage collection (npm run bench runs Node with --expose-gc), so growth means retention. */
function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/** Requests per second of `count` sends run through `send` at the given concurrency. */
async function throughput(
  count: number,
  concurrency: number,
  send: (index: number) => Promise<void>,
  viaBatch: boolean,
): Promise<number> {
  const start = process.hrtime.bigint();
  if (viaBatch) {
    await runBatch(
      Array.from({ length: count }, (_, i) => i),
      send,
      { concurrency },
    );
  } else {
    let next = 0;
    const lane = async () => {
      while (next < count) await send(next++);
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * 1,000 enrolls through the client and runBatch, against a bare fetch loop with the same bodies,
 * both against the sandbox process. Both are warmed up first, and the runs alternate (ours,
 * bare, bare, ours) so neither benefits from going second; each figure is the mean of its two.
 */
export async function batch(): Promise<void> {
  const { url, child } = await startSandboxProcess();
  const face = sampleFaceJpeg(5).toString('base64');
  const client = createClient({ fetch: (target, init) => fetch(target, init), baseUrl: url, key: KEY });
  let run = 0;
  const ours = async (index: number) => {
    await client.send('enroll', personRequest(`r${run}-${index}`, { face }));
  };
  const bare = async (index: number) => {
    const response = await fetch(`${url}/multibiometrics/enroll`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': KEY },
      body: JSON.stringify(personRequest(`r${run}-${index}`, { face })),
    });
    await response.text();
  };
  try {
    await throughput(WARMUP, 4, ours, true);
    await throughput(WARMUP, 4, bare, false);
    for (const concurrency of [1, 4, 16]) {
      const rssBefore = settledRss();
      const results = { ours: [] as number[], bare: [] as number[] };
      for (const which of ['ours', 'bare', 'bare', 'ours'] as const) {
        run++;
        const rate = await throughput(COUNT / 2, concurrency, which === 'ours' ? ours : bare, which === 'ours');
        results[which].push(rate);
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const oursRate = mean(results.ours);
      const bareRate = mean(results.bare);
      row(
        `${COUNT} enrolls, concurrency ${concurrency} (req/s)`,
        oursRate,
        bareRate,
        'req/s',
        '>= 0.90 of bare',
        oursRate / bareRate >= 0.9,
      );
      row('  RSS growth over those runs (ours and bare)', (settledRss() - rssBefore) / MB, undefined, 'MB', 'flat');
      if (concurrency === 16) row('sandbox throughput (bare fetch, c=16)', bareRate, undefined, 'req/s', 'reference');
    }
  } finally {
    child.kill('SIGINT');
  }
}
