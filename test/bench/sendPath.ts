import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageOfSize } from './inputs';
import { medianMsAsync } from './measure';
import { floorToBytes, oursToBytes } from './sendPathWork';
import { MB, row } from './table';

/** Peak resident set (MB) of a fresh process running one pipeline once (median of three). */
function peakRssMB(mode: 'ours' | 'floor' | 'idle', path: string): number {
  const runs = [0, 1, 2].map(() => {
    const result = spawnSync(process.execPath, [join(__dirname, 'sendPathWorker.js'), mode, path], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`sendPathWorker ${mode} failed: ${result.stderr}`);
    return Number(result.stdout) / 1024;
  });
  return runs.sort((a, b) => a - b)[1] ?? Number.NaN;
}

/** Image file -> request bytes, against the bare readFile + base64 + JSON.stringify floor. */
export async function sendPath(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bpid-bench-'));
  try {
    for (const [label, bytes] of [
      ['100 KB', 100 * 1024],
      ['5 MB', 5 * MB],
      ['30 MB', 30 * MB],
    ] as const) {
      const path = join(dir, `${label.replace(' ', '')}.jpg`);
      writeFileSync(path, imageOfSize(bytes));
      const ours = await medianMsAsync(async () => void (await oursToBytes(path)));
      const floor = await medianMsAsync(async () => void (await floorToBytes(path)));
      row(`image file -> request bytes, ${label}`, ours, floor, 'ms', 'ratio <= 1.5', ours / floor <= 1.5);
      const idle = peakRssMB('idle', path);
      row(
        `  peak RSS above an idle process, ${label}`,
        peakRssMB('ours', path) - idle,
        peakRssMB('floor', path) - idle,
        'MB',
        'reference',
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
