import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDatasetFolder } from '../../src/core/eval/dataset';
import { computeMetrics, rateAtFmr, sortScores } from '../../src/core/eval/metrics';
import { planEvaluation, runEvaluation } from '../../src/core/eval/run';
import { createClient } from '../../src/core/http';
import { datasetFaceJpeg } from '../../src/core/images/dataset';
import { normal, seededRandom } from '../../src/core/seeded';
import { median } from './measure';
import { row } from './table';

const KEY = 'bench-fake-key-000000000017';
const SCORES = 1_000_000;
const PERSONS = 100;
const IMAGES = 5;
const IMPOSTORS = 5000;
const CONCURRENCY = Number(process.env.BIOPASSID_BENCH_EVAL_CONCURRENCY ?? 4);
const ROUNDS = 4;

/**
 * The metric code over 1,000,000 scores (half genuine, half impostor): sorting both sets, every
 * operating point (EER, DET, histogram) and FNMR at four FMRs, against the floor of sorting the
 * same 1,000,000 scores as one Float64Array.
 */
function metrics(): void {
  const random = seededRandom('bench-metrics');
  const genuine = Float64Array.from({ length: SCORES / 2 }, () => 70 + 10 * normal(random));
  const impostor = Float64Array.from({ length: SCORES / 2 }, () => 30 + 10 * normal(random));
  const all = new Float64Array(SCORES);
  all.set(genuine);
  all.set(impostor, SCORES / 2);
  const ours: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < 7; round++) {
    let start = process.hrtime.bigint();
    Float64Array.from(all).sort();
    floor.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    const sorted = sortScores(genuine, impostor);
    computeMetrics(sorted);
    for (const fmr of [1e-2, 1e-3, 1e-4, 1e-5]) rateAtFmr(sorted, fmr);
    ours.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  // The first two rounds warm up both sides.
  const oursMs = median(ours.slice(2));
  const floorMs = median(floor.slice(2));
  row('eval metrics over 1,000,000 scores vs sorting them', oursMs, floorMs, 'ms', '<= 2.0', oursMs <= 2 * floorMs);
}

async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(__dirname, '../../../dist/cli.js'), 'sandbox', '--port', '0', '--key', KEY],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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

/**
 * An evaluation of 100 persons x 5 images (1,000 genuine pairs and a seeded 5,000 impostor pairs)
 * against the sandbox in its own process: match calls per second of the evaluation's match phase,
 * against a bare fetch loop sending the same match bodies at the same concurrency.
 */
async function evaluation(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bpid-bench-eval-'));
  const sandbox = await startSandboxProcess();
  try {
    for (let person = 0; person < PERSONS; person++) {
      mkdirSync(join(dir, `p${person}`));
      for (let shot = 0; shot < IMAGES; shot++) {
        writeFileSync(join(dir, `p${person}`, `${shot}.jpg`), datasetFaceJpeg({ seed: 'bench', person, shot }));
      }
    }
    const dataset = await readDatasetFolder(dir);
    const client = createClient({ fetch: (url, init) => fetch(url, init), baseUrl: sandbox.url, key: KEY });
    const headers = { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': KEY };
    // Templates for the bare loop, extracted once by hand; the same pairs as the runner's plan.
    const templates: string[] = [];
    for (const image of dataset.images) {
      const artifact = (await readFile(image.path)).toString('base64');
      const body = JSON.stringify({ Extract: { Type: 'FACE', Format: 'BIOPASS', Artifact: artifact } });
      const response = await fetch(`${sandbox.url}/multibiometrics/extract`, { method: 'POST', headers, body });
      templates.push(((await response.json()) as { Extract: { Template: string } }).Extract.Template);
    }
    const pairs = (await planEvaluation(dataset, { impostors: IMPOSTORS, seed: 'bench', target: sandbox.url })).pending;
    const bodies = pairs.map((pair) =>
      JSON.stringify({
        Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: templates[pair.a], Artifact_B: templates[pair.b] },
      }),
    );
    let matches = 0;
    /** The evaluation runner, timed from its first match call to its last. */
    const runOurs = async () => {
      const plan = await planEvaluation(dataset, { impostors: IMPOSTORS, seed: 'bench', target: sandbox.url });
      let matchStart = 0n;
      const result = await runEvaluation(plan, client, {
        concurrency: CONCURRENCY,
        onProgress: (done) => {
          if (done === plan.toExtract.length) matchStart = process.hrtime.bigint();
        },
      });
      matches = result.calls.match;
      return result.calls.match / (Number(process.hrtime.bigint() - matchStart) / 1e9);
    };
    /** A bare fetch loop of the same match bodies at the same concurrency. */
    const runBare = async () => {
      let next = 0;
      const start = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++] as string;
            const response = await fetch(`${sandbox.url}/multibiometrics/match`, { method: 'POST', headers, body });
            await response.text();
          }
        }),
      );
      return bodies.length / (Number(process.hrtime.bigint() - start) / 1e9);
    };
    /** The project's client alone, in the bare loop's place: where the runner's cost comes from. */
    const parsed = bodies.map((body) => JSON.parse(body) as unknown);
    const runClient = async () => {
      let next = 0;
      const start = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < parsed.length) await client.send('match', parsed[next++]);
        }),
      );
      return parsed.length / (Number(process.hrtime.bigint() - start) / 1e9);
    };
    const ours: number[] = [];
    const bare: number[] = [];
    const clientOnly: number[] = [];
    await runBare();
    await runOurs();
    // Alternating which side goes first, so neither always meets a warmer server.
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        ours.push(await runOurs());
        bare.push(await runBare());
      } else {
        bare.push(await runBare());
        ours.push(await runOurs());
      }
      clientOnly.push(await runClient());
    }
    const oursRate = median(ours);
    const bareRate = median(bare);
    row(
      `eval ${PERSONS} x ${IMAGES} against the sandbox: match calls (${matches} per run)`,
      oursRate,
      bareRate,
      'req/s',
      '>= 0.90',
      oursRate >= 0.9 * bareRate,
    );
    const clientRate = median(clientOnly);
    row('  the same match calls through the client alone', clientRate, bareRate, 'req/s', 'reference');
  } finally {
    sandbox.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function evalBench(): Promise<void> {
  metrics();
  await evaluation();
}
