import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { row } from './table';

const KEY = 'bench-fake-key-000000000002';
const CONCURRENCY = 8;

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

interface Measured {
  seconds: number;
  requests: number;
  rssGrowthMB: number;
}

async function side(name: string, folder: string, journal: string, url: string): Promise<Measured> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', join(__dirname, 'bulkWorker.js'), name, folder, journal, url, KEY, String(CONCURRENCY)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Measured;
}

/** Each side against a fresh sandbox process, so every run enrolls the same persons anew. */
async function fresh(name: string, folder: string, journal: string, resume = false): Promise<Measured[]> {
  const sandbox = await startSandboxProcess();
  try {
    const first = await side(name, folder, journal, sandbox.url);
    // The same command again on the finished journal, same environment: a resume.
    return resume ? [first, await side(name, folder, journal, sandbox.url)] : [first];
  } finally {
    sandbox.child.kill();
  }
}

/**
 * `bulk`: N generated faces (BIOPASSID_BENCH_BULK, default 5,000) enrolled by `runBulk` against
 * the sandbox in its own process, against a bare fetch loop sending the same files; the runner
 * without its journal for the journal's cost; and resuming the finished journal (no request).
 */
export async function bulk(): Promise<void> {
  const count = Number(process.env.BIOPASSID_BENCH_BULK ?? 5000);
  const dir = mkdtempSync(join(tmpdir(), 'bpid-bench-bulk-'));
  try {
    const folder = join(dir, 'faces');
    mkdirSync(folder);
    for (let index = 0; index < count; index++) {
      writeFileSync(join(folder, `person-${String(index).padStart(6, '0')}.jpg`), sampleFaceJpeg(index, 64));
    }
    const order = ['bare', 'ours', 'ours-no-journal', 'ours-no-journal', 'ours', 'bare'];
    const results: Record<string, Measured[]> = { bare: [], ours: [], 'ours-no-journal': [] };
    let resumed: Measured | undefined;
    for (const [index, name] of order.entries()) {
      const [run, resume] = await fresh(name, folder, join(dir, `journal-${index}.jsonl`), index === 1);
      if (run) results[name]?.push(run);
      if (resume) resumed = resume;
    }
    const rate = (name: string) => {
      const runs = results[name] ?? [];
      return Math.max(...runs.map((run) => count / run.seconds));
    };
    const ours = rate('ours');
    const bare = rate('bare');
    const off = rate('ours-no-journal');
    row(
      `bulk enroll of ${count} images, concurrency ${CONCURRENCY} (best of 2)`,
      ours,
      bare,
      'persons/s',
      '>= 0.90',
      ours / bare >= 0.9,
    );
    const cost = 1 - ours / off;
    row('  journal on vs off (runner without its journal)', ours, off, 'persons/s', 'cost <= 5 %', cost <= 0.05);
    const rss = Math.max(...(results.ours ?? []).map((run) => run.rssGrowthMB));
    const bareRss = Math.max(...(results.bare ?? []).map((run) => run.rssGrowthMB));
    row('  RSS growth of the process (peak - start), vs the bare loop', rss, bareRss, 'MB', '< 64 MB', rss < 64);
    if (!resumed) throw new Error('no resume was measured');
    row(
      `  resume a finished ${count}-person journal`,
      resumed.seconds * 1000,
      undefined,
      'ms',
      '<= 1000 ms, 0 requests',
      resumed.seconds <= 1 && resumed.requests === 0,
    );
    row('    requests sent by that resume', resumed.requests, undefined, 'requests', '0', resumed.requests === 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
