import { readFile } from 'node:fs/promises';
import { EnvHttpProxyAgent } from 'undici';
import { proxiedFetch } from '../../src/cli/transport';
import { readDatasetFolder } from '../../src/core/eval/dataset';
import { planEvaluation, runEvaluation } from '../../src/core/eval/run';
import { createClient } from '../../src/core/http';

/**
 * One side of the evaluation figure in a fresh process, so the sides never share a JIT or a heap:
 *   node evalWorker.js ours|bare|client|request <sandbox url> <key> <dataset folder> <concurrency> <impostors>
 * Each side makes the same match calls (the 1,000 genuine and the seeded impostor pairs of the
 * runner's plan) twice: once to warm up, then timed. Prints { rate, calls, cpuUs } as JSON: match
 * calls per second of the timed pass, and this process's CPU time per call over it.
 *   ours    runEvaluation as `biopassid eval` runs it (extract, then match, over the CLI's
 *           transport), timed from its first match call to its last
 *   bare    a plain loop over Node's fetch: builds each match body with JSON.stringify as it sends
 *           it and reads the score from the answer, the least a script doing the same calls must do
 *   client  the project's client over Node's fetch in the bare loop's place, as the editor's runs
 *           go (VS Code's fetch is Node's, patched for proxies), for reference
 *   request the bare loop over undici's `request` through the same proxy agent as the CLI: the
 *           floor of the CLI's transport, for reference
 */
const SEED = 'bench';
const SIDES = new Set(['ours', 'bare', 'client', 'request']);

/** Microseconds of this process's CPU (user and system) per call since `start`. */
function cpuPerCall(start: NodeJS.CpuUsage, calls: number): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

async function main(): Promise<void> {
  const [side, url, key, dir, concurrencyText, impostorsText] = process.argv.slice(2);
  if (!SIDES.has(side as string) || !url || !key || !dir) {
    throw new Error('usage: evalWorker.js ours|bare|client|request <url> <key> <dataset> <concurrency> <impostors>');
  }
  const concurrency = Number(concurrencyText);
  const dataset = await readDatasetFolder(dir);
  const options = { impostors: Number(impostorsText), seed: SEED, target: url };

  if (side === 'ours') {
    const client = createClient({ fetch: proxiedFetch(), baseUrl: url, key });
    const once = async () => {
      const plan = await planEvaluation(dataset, options);
      let matchStart = 0n;
      let cpuStart = process.cpuUsage();
      const result = await runEvaluation(plan, client, {
        concurrency,
        onProgress: (done) => {
          if (done !== plan.toExtract.length) return;
          matchStart = process.hrtime.bigint();
          cpuStart = process.cpuUsage();
        },
      });
      const seconds = Number(process.hrtime.bigint() - matchStart) / 1e9;
      return {
        rate: result.calls.match / seconds,
        calls: result.calls.match,
        cpuUs: cpuPerCall(cpuStart, result.calls.match),
      };
    };
    await once();
    process.stdout.write(JSON.stringify(await once()));
    return;
  }

  const headers = { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': key };
  const templates: string[] = [];
  for (const image of dataset.images) {
    const artifact = (await readFile(image.path)).toString('base64');
    const body = JSON.stringify({ Extract: { Type: 'FACE', Format: 'BIOPASS', Artifact: artifact } });
    const response = await fetch(`${url}/multibiometrics/extract`, { method: 'POST', headers, body });
    templates.push(((await response.json()) as { Extract: { Template: string } }).Extract.Template);
  }
  const pairs = (await planEvaluation(dataset, options)).pending;
  const matchBody = (a: number, b: number) => ({
    Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: templates[a], Artifact_B: templates[b] },
  });
  const bareCall = async (a: number, b: number) => {
    const body = JSON.stringify(matchBody(a, b));
    const response = await fetch(`${url}/multibiometrics/match`, { method: 'POST', headers, body });
    return ((await response.json()) as { Match: { Score: number } }).Match.Score;
  };
  const client = createClient({ fetch: (target, init) => fetch(target, init), baseUrl: url, key });
  const clientCall = async (a: number, b: number) => {
    const outcome = await client.send('match', matchBody(a, b));
    return outcome.kind === 'success' ? (outcome.body as { Match: { Score: number } }).Match.Score : Number.NaN;
  };
  const agent = new EnvHttpProxyAgent();
  const origin = new URL(url).origin;
  const requestCall = async (a: number, b: number) => {
    const body = JSON.stringify(matchBody(a, b));
    const answer = await agent.request({ origin, path: '/multibiometrics/match', method: 'POST', headers, body });
    return (JSON.parse(await answer.body.text()) as { Match: { Score: number } }).Match.Score;
  };
  const call = side === 'bare' ? bareCall : side === 'request' ? requestCall : clientCall;
  const pass = async () => {
    let next = 0;
    let sum = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < pairs.length) {
          const pair = pairs[next++];
          if (pair) sum += await call(pair.a, pair.b);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (!Number.isFinite(sum)) throw new Error('a match call answered without a score');
    return { rate: pairs.length / seconds, calls: pairs.length, cpuUs: cpuPerCall(cpuStart, pairs.length) };
  };
  await pass();
  process.stdout.write(JSON.stringify(await pass()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
