import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationTime } from './activationTime';
import { batch } from './batch';
import { bulk } from './bulk';
import { evalBench } from './eval';
import { printTable } from './measure';
import { packageSizes } from './packageSizes';
import { panelBench } from './panel';
import { responseSize } from './responseSize';
import { scenario } from './scenario';
import { sendPath } from './sendPath';
import { row, rows } from './table';
import { validation } from './validation';

/**
 * `npm run bench`: figures of speed and memory, each against a baseline measured in the same run,
 * so ratios hold on a noisy machine. Prints one table and writes test-results/bench.json.
 * Benchmarks, not tests: nothing here fails a build.
 */
const root = join(__dirname, '../../..');

/**
 * The bundle activation loads (dist/extension.js), within budget; and, for reference, the rest of
 * the extension (dist/main.js), loaded on first use, which holds the same budget; and the bundles
 * dist/main.js loads on first use (accuracy lab, bulk runner, scenarios), as reference rows.
 */
function bundle(): void {
  const kb = (name: string) => statSync(join(root, 'dist', name)).size / 1024;
  const activation = kb('extension.js');
  const main = kb('main.js');
  row('activation bundle, dist/extension.js (production)', activation, undefined, 'KB', '< 250 KB', activation < 250);
  row('  loaded on first use, dist/main.js', main, undefined, 'KB', '< 250 KB', main < 250);
  for (const name of ['accuracy.js', 'bulk.js', 'scenarios.js']) {
    row(`  loaded by dist/main.js on first use, dist/${name}`, kb(name), undefined, 'KB', 'reference');
  }
  packageSizes(root);
}

/** The parts, in order; BIOPASSID_BENCH_ONLY=batch,activation (names, comma-separated) runs only those. */
const PARTS: Record<string, () => void | Promise<void>> = {
  bundle,
  activation: activationTime,
  validation,
  'send-path': sendPath,
  'response-size': responseSize,
  batch,
  bulk,
  scenario,
  eval: evalBench,
  panel: panelBench,
};

async function main(): Promise<void> {
  const only = process.env.BIOPASSID_BENCH_ONLY?.split(',').filter(Boolean);
  for (const name of only ?? Object.keys(PARTS)) {
    const part = PARTS[name];
    if (!part) throw new Error(`BIOPASSID_BENCH_ONLY: no part named ${name}; parts: ${Object.keys(PARTS).join(', ')}`);
    await part();
  }
  printTable(rows);
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; Node ${process.version}`);
  const out = join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  // A partial run writes its own file, so it never replaces the last full table.
  const file = only ? `bench.${only.join('+')}.json` : 'bench.json';
  writeFileSync(
    join(out, file),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, parts: only ?? 'all', rows }, null, 2)}\n`,
  );
  console.log(`written ${join('test-results', file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
