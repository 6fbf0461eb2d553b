import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { computeMetrics, rateAtFmr, sortScores } from '../../src/core/eval/metrics';
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
/** Processes per side, alternating ours/bare then bare/ours. */
const PROCESSES = 4;
const CLIENT_PROCESSES = 2;

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

interface WorkerResult {
  rate: number;
  calls: number;
  /** CPU microseconds of the worker process per match call. */
  cpuUs: number;
}

type Side = 'ours' | 'bare' | 'client' | 'request';

/** One side's run in a fresh process (evalWorker.js). */
async function runWorker(side: Side, url: string, dir: string): Promise<WorkerResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    join(__dirname, 'evalWorker.js'),
    side,
    url,
    KEY,
    dir,
    String(CONCURRENCY),
    String(IMPOSTORS),
  ]);
  return JSON.parse(stdout) as WorkerResult;
}

/**
 * An evaluation of 100 persons x 5 images (1,000 genuine pairs and a seeded 5,000 impostor pairs)
 * against the sandbox in its own process: match calls per second of the evaluation's match phase,
 * as `biopassid eval` makes them (over the CLI's transport, undici's `request`), against a bare loop
 * over Node's fetch making the same match calls at the same concurrency. Each side runs in
 * fresh processes (evalWorker.js), PROCESSES of them, alternating (ours, bare, bare, ours…); each
 * process warms up with one whole pass of the calls before the timed one; each figure is the
 * median over its processes. For reference: the client alone over Node's fetch (the editor's path),
 * and a bare loop over undici's `request` (the floor of the CLI's transport).
 *
 * Why processes: as in the batch part, two sides in one process share a JIT and a heap. The
 * sending process is the bottleneck here (the sandbox answers a match in a few µs), so the
 * ratio follows the CPU row: what each side spends per call.
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
    const results: Record<Side, WorkerResult[]> = { ours: [], bare: [], client: [], request: [] };
    for (let index = 0; index < PROCESSES; index++) {
      const order: Side[] = index % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const side of order) results[side].push(await runWorker(side, sandbox.url, dir));
    }
    for (let index = 0; index < CLIENT_PROCESSES; index++) {
      results.client.push(await runWorker('client', sandbox.url, dir));
      results.request.push(await runWorker('request', sandbox.url, dir));
    }
    const rate = (side: Side) => median(results[side].map((result) => result.rate));
    const cpu = (side: Side) => median(results[side].map((result) => result.cpuUs));
    const oursRate = rate('ours');
    const bareRate = rate('bare');
    row(
      `eval ${PERSONS} x ${IMAGES} against the sandbox: match calls (${results.ours[0]?.calls} per run, median of ${PROCESSES} processes)`,
      oursRate,
      bareRate,
      'req/s',
      '>= 0.90',
      oursRate >= 0.9 * bareRate,
    );
    row("  the client alone over Node's fetch (the editor's path)", rate('client'), bareRate, 'req/s', 'reference');
    row(
      "  ours against a bare loop over undici's request (the CLI's transport, nothing of ours)",
      oursRate,
      rate('request'),
      'req/s',
      'reference',
    );
    // CPU per call of the sending process: what each side costs, whatever else the machine runs.
    row('  CPU per match call, the sending process', cpu('ours'), cpu('bare'), 'µs', 'reference');
  } finally {
    sandbox.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function evalBench(): Promise<void> {
  metrics();
  await evaluation();
}
