// Runs every test tier and prints one `N passed, N failed` line summed over all of them.
//   npm test                      static checks, unit, integration (minimum + latest VS Code, then
//                                 the untrusted-folder suites on the latest), e2e
//   npm test -- unit|integration|e2e   only the named tiers (several may be given)
// The toolchain runs on the harness's Node 24; this script re-launches itself there first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, HARNESS_DIR, reexecOnNode24, VSCODE_BUILDS } from '../test/harness/install.mjs';

const root = new URL('..', import.meta.url).pathname;
const TIERS = ['unit', 'integration', 'e2e'];

reexecOnNode24();

const requested = process.argv.slice(2).filter((arg) => TIERS.includes(arg));
const unknown = process.argv.slice(2).filter((arg) => !TIERS.includes(arg));
if (unknown.length > 0) {
  console.error(`unknown tier(s): ${unknown.join(', ')}; choose from ${TIERS.join(', ')}`);
  process.exit(2);
}
const tiers = requested.length > 0 ? requested : TIERS;
const resultsDir = join(root, 'test-results');
const resultsFile = join(resultsDir, 'counts.jsonl');
mkdirSync(resultsDir, { recursive: true });
rmSync(resultsFile, { force: true });

/** Steps that failed without reporting counts of their own (a crash, a static check). */
const crashed = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function countsOf(tier) {
  if (!existsSync(resultsFile)) return [];
  return readFileSync(resultsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((line) => line.tier === tier);
}

/** Runs a step whose tests report counts; a failing step that reported nothing counts as one failure. */
function runTier(tier, command, args, env = {}) {
  const before = countsOf(tier).length;
  const ok = run(tier, command, args, { ...env, BIOPASSID_TEST_RESULTS: resultsFile, BIOPASSID_TEST_TIER: tier });
  if (countsOf(tier).length === before && !ok) crashed.push(tier);
}

const node = process.execPath;
if (!run('build (bundle + test transpile)', node, ['scripts/build.mjs', '--tests'])) crashed.push('build');
if (!requested.length) {
  if (!run('type check (tsc --noEmit)', node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']))
    crashed.push('check-types');
  if (!run('lint (biome)', node, ['node_modules/@biomejs/biome/bin/biome', 'check', '--error-on-warnings', '.']))
    crashed.push('lint');
}

if (!crashed.includes('build')) {
  const reporter = join(root, 'out/test/support/countingReporter.js');
  if (tiers.includes('unit')) {
    runTier('unit', node, [
      'node_modules/mocha/bin/mocha.js',
      '--reporter',
      reporter,
      '--timeout',
      '20000',
      '--recursive',
      '--extension',
      'unit.test.js',
      'out/test/unit',
    ]);
  }
  if (tiers.includes('integration')) {
    // Both builds, then the untrusted-folder suites (test/integration/untrusted) once more on the
    // latest, in a folder opened in Restricted Mode.
    const configurations = [
      { build: 'minimum', label: '', env: {} },
      { build: 'latest', label: '', env: {} },
      { build: 'latest', label: 'untrusted folder, ', env: { BIOPASSID_WORKSPACE_TRUST: 'untrusted' } },
    ];
    for (const { build, label, env } of configurations) {
      const tier = `integration (${label}${VSCODE_BUILDS[build].label})`;
      try {
        ensureCodeServer(build);
      } catch (error) {
        console.error(`[harness] ${error.message}`);
        crashed.push(tier);
        continue;
      }
      runTier(tier, node, ['out/test/integration/runTests.js'], { BIOPASSID_VSCODE_BUILD: build, ...env });
    }
  }
  if (tiers.includes('e2e')) {
    let ready = run('package (.vsix)', node, ['scripts/package.mjs']);
    try {
      ensureCodeServer('latest');
    } catch (error) {
      console.error(`[harness] ${error.message}`);
      ready = false;
    }
    if (ready) {
      runTier('e2e', node, [
        'node_modules/mocha/bin/mocha.js',
        '--reporter',
        reporter,
        '--timeout',
        '120000',
        '--recursive',
        '--extension',
        'e2e.test.js',
        'out/test/e2e',
      ]);
    } else {
      crashed.push('e2e');
    }
  }
}

const counts = readFileSync(resultsFile, { encoding: 'utf8', flag: 'a+' })
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const passed = counts.reduce((sum, line) => sum + line.passed, 0);
const failed = counts.reduce((sum, line) => sum + line.failed, 0) + crashed.length;
const skipped = counts.reduce((sum, line) => sum + line.skipped, 0);
console.log('\n=== summary');
for (const line of counts) console.log(`${line.tier}: ${line.passed} passed, ${line.failed} failed`);
for (const step of crashed) console.log(`${step}: did not complete`);
console.log(`Screenshots and logs: ${join(root, 'test-results')}  (harness: ${HARNESS_DIR})`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
