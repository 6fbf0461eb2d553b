// `npm run bench`: installs what the benchmarks need on first use, as `npm test` does, then builds
// and runs them (out/test/bench/run.js prints the table).
//   BIOPASSID_BENCH_ONLY=batch,response-size   only the named parts; code-server, which only the
//                                              activation part needs, is installed only for it
// Runs on the Node that started it: the core figures are those of that Node; the activation part
// starts code-server on the harness's own Node 24.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from '../test/harness/install.mjs';

const root = new URL('..', import.meta.url).pathname;
/** The parts that run in code-server's extension host (see test/bench/run.ts for every part). */
const EDITOR_PARTS = ['activation', 'panel'];

const only = process.env.BIOPASSID_BENCH_ONLY?.split(',').filter(Boolean);

function run(label, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[bench] ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Whether node_modules matches package-lock.json: scripts/ensure-deps.mjs wrote its marker for
 * this lockfile, or `npm ci` / `npm install` left npm's own record of the tree no older than it.
 * Either way, nothing is reinstalled under a tree that was just installed.
 */
function depsInPlace() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.biopassid-deps');
  const digest = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return true;
  const installed = join(root, 'node_modules', '.package-lock.json');
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

// npm ci when node_modules is missing or older than the lockfile (and the harness's Node runtimes).
if (!depsInPlace()) run('installing the npm dependencies', ['scripts/ensure-deps.mjs']);

if (!only || only.some((part) => EDITOR_PARTS.includes(part))) {
  try {
    // First use: about 620 MB, a few minutes; later runs find it in test/harness and go on.
    ensureCodeServer('latest');
  } catch (error) {
    console.error(`[harness] ${error.message}`);
    process.exit(1);
  }
}

run('build (bundle + test transpile)', ['scripts/build.mjs', '--tests']);
run('production build', ['scripts/build.mjs', '--production']);
run('benchmarks', ['--expose-gc', 'out/test/bench/run.js']);
