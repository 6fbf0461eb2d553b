import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packagedVsixPath, REPO_ROOT } from '../e2e/support/paths';
import type { ActivationSample } from './activation/inHost';
import { median } from './measure';
import { row } from './table';

const OURS = 'biopassid-tools.biopassid-vscode';
const EMPTY = 'biopassid-bench.bench-empty';
const FIXTURES = join(REPO_ROOT, 'test/bench/activation');
/** Extension hosts started; the order alternates so neither extension always goes first. */
const LAUNCHES = Number(process.env.BIOPASSID_BENCH_LAUNCHES ?? 12);

type HarnessModule = typeof import('../harness/code-server.mjs');

function loadHarness(): Promise<HarnessModule> {
  return import(pathToFileURL(join(REPO_ROOT, 'test/harness/code-server.mjs')).href) as Promise<HarnessModule>;
}

function runOrThrow(label: string, command: string, args: string[], cwd = REPO_ROOT): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env } });
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr || result.stdout}`);
}

/**
 * The workbench opens settings.json as a jsonc model at startup, which fires our `onLanguage`
 * events before the measurement could start. The installed copies' activation events are
 * emptied, so only the measuring runner activates them; the code loaded and run is unchanged.
 */
function onlyActivatedByTheMeasurement(extensionsDir: string): void {
  for (const entry of readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifestPath = join(extensionsDir, entry.name, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { activationEvents?: string[] };
    manifest.activationEvents = [];
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  }
}

/**
 * Activation in the real extension host (code-server, latest build): the packaged .vsix and an
 * empty extension are installed the way users install them, then a test runner inside the host
 * activates both, in alternating order over several fresh hosts.
 */
export async function activationTime(): Promise<void> {
  const harness = await loadHarness();
  const scratch = harness.makeScratchDir('bpid-bench-act-');
  try {
    runOrThrow('packaging the extension', process.execPath, ['scripts/package.mjs']);
    const emptyVsix = join(scratch, 'empty.vsix');
    runOrThrow(
      'packaging the empty extension',
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/@vscode/vsce/vsce'),
        'package',
        '--no-dependencies',
        '--allow-missing-repository',
        '--skip-license',
        '--out',
        emptyVsix,
      ],
      join(FIXTURES, 'empty-extension'),
    );
    const extensionsDir = join(scratch, 'extensions');
    for (const vsix of [packagedVsixPath(), emptyVsix]) {
      harness.installVsix({ build: 'latest', vsix, extensionsDir, userDataDir: join(scratch, 'install-user-data') });
    }
    onlyActivatedByTheMeasurement(extensionsDir);
    const samples: ActivationSample[] = [];
    for (let launch = 0; launch < LAUNCHES; launch++) {
      const out = join(scratch, `samples-${launch}.json`);
      const folder = join(scratch, `workspace-${launch}`);
      mkdirSync(folder, { recursive: true });
      const result = spawnSync(
        process.execPath,
        [
          join(REPO_ROOT, 'test/harness/launch-tests.mjs'),
          `--extensionDevelopmentPath=${join(FIXTURES, 'driver')}`,
          `--extensionTestsPath=${join(REPO_ROOT, 'out/test/bench/activation/inHost.js')}`,
          `--user-data-dir=${join(scratch, `user-data-${launch}`)}`,
          `--extensions-dir=${extensionsDir}`,
          folder,
        ],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            BIOPASSID_VSCODE_BUILD: 'latest',
            BIOPASSID_BENCH_ORDER: (launch % 2 === 0 ? [OURS, EMPTY] : [EMPTY, OURS]).join(','),
            BIOPASSID_BENCH_OUT: out,
          },
        },
      );
      if (result.status !== 0) throw new Error(`extension host ${launch} failed: ${result.stderr || result.stdout}`);
      samples.push(...(JSON.parse(readFileSync(out, 'utf8')) as ActivationSample[]));
    }
    const of = (id: string) => samples.filter((sample) => sample.id === id);
    const ours = median(of(OURS).map((sample) => sample.ms));
    const empty = median(of(EMPTY).map((sample) => sample.ms));
    row(
      `activation in the extension host (median of ${LAUNCHES})`,
      ours,
      empty,
      'ms',
      'ratio <= 1.5',
      ours / empty <= 1.5,
    );
    row(
      '  JS heap growth during that activation',
      median(of(OURS).map((sample) => sample.heapMB)),
      median(of(EMPTY).map((sample) => sample.heapMB)),
      'MB',
      'reference',
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
