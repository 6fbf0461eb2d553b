import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationTime } from './activationTime';
import { batch } from './batch';
import { printTable } from './measure';
import { sendPath } from './sendPath';
import { row, rows } from './table';
import { validation } from './validation';

/**
 * `npm run bench`: figures of speed and memory, each against a baseline measured in the same run,
 * so ratios hold on a noisy machine. Prints one table and writes test-results/bench.json.
 * Benchmarks, not tests: nothing here fails a build.
 */
const root = join(__dirname, '../../..');

function bundle(): void {
  const size = statSync(join(root, 'dist', 'extension.js')).size / 1024;
  row('extension bundle (production build)', size, undefined, 'KB', '< 250 KB', size < 250);
}

async function main(): Promise<void> {
  bundle();
  await activationTime();
  await validation();
  await sendPath();
  await batch();
  printTable(rows);
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; Node ${process.version}`);
  const out = join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'bench.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
  );
  console.log(`written ${join('test-results', 'bench.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
