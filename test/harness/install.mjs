// Installs the test harness on first use and reuses it after: the Node.js runtimes (from npm),
// and code-server for each VS Code version the integration suite runs on. Each install lives in
// its own folder with its own package.json + lockfile, so the extension's own install stays small.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HARNESS_DIR = dirname(fileURLToPath(import.meta.url));
const NODE_DIR = join(HARNESS_DIR, 'node');

/** The Node.js runtimes the harness uses, installed from the npm registry. */
export const RUNTIMES = {
  node20: join(NODE_DIR, 'node_modules', 'node20'),
  node24: join(NODE_DIR, 'node_modules', 'node24'),
};

export function nodeBinary(runtime) {
  return join(RUNTIMES[runtime], 'bin', 'node');
}

/**
 * The VS Code versions the integration suite runs on. `latest` is the newest code-server on the
 * registry; `minimum` matches engines.vscode (^1.100.0).
 */
export const VSCODE_BUILDS = {
  latest: {
    label: 'VS Code 1.139.1 (code-server 4.139.1)',
    dir: join(HARNESS_DIR, 'code-server-1.139'),
    runtime: 'node24',
    serverArgs: ['--reconnection-grace-time', '5'],
    // 4.139 ignores the test payload unless the smoke-test driver is enabled. The driver also
    // hides notification toasts, so only servers that run extension tests get it.
    testPayloadArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  },
  minimum: {
    label: 'VS Code 1.100.3 (code-server 4.100.3)',
    dir: join(HARNESS_DIR, 'code-server-1.100'),
    runtime: 'node20',
    serverArgs: [],
    testPayloadArgs: [],
  },
};

export function codeServerEntry(build) {
  return join(VSCODE_BUILDS[build].dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** PATH with the given runtime first and no other harness runtime on it. */
export function pathWith(runtime) {
  const others = Object.values(RUNTIMES).map((dir) => join(dir, 'bin'));
  const rest = (process.env.PATH ?? '').split(delimiter).filter((entry) => entry && !others.includes(entry));
  return [join(RUNTIMES[runtime], 'bin'), ...rest].join(delimiter);
}

function lockDigest(dir) {
  return createHash('sha256')
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex');
}

function markerPath(dir) {
  return join(dir, 'node_modules', '.biopassid-harness-installed');
}

function isInstalled(dir, requiredPaths) {
  const marker = markerPath(dir);
  return (
    existsSync(marker) &&
    readFileSync(marker, 'utf8') === lockDigest(dir) &&
    requiredPaths.every((path) => existsSync(join(dir, path)))
  );
}

/**
 * Under `npm test`, npm exports npm_* variables describing itself, including a user agent that
 * names the Node it runs on. Install scripts read them (code-server's postinstall checks the Node
 * version in npm_config_user_agent), so a nested npm on another Node must not inherit them.
 */
function withoutNpmScriptVariables(environment) {
  return Object.fromEntries(
    Object.entries(environment).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'),
  );
}

function npmCi(dir, env, requiredPaths) {
  if (isInstalled(dir, requiredPaths)) return;
  const started = Date.now();
  console.log(`[harness] installing ${dir.slice(HARNESS_DIR.length + 1)} (first use; later runs reuse it)`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: { ...withoutNpmScriptVariables(process.env), ...env },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`npm ci failed in ${dir} (exit ${result.status ?? result.signal})`);
  // A skipped install script leaves a server that cannot start: check what it should have built.
  const missing = requiredPaths.filter((path) => !existsSync(join(dir, path)));
  if (missing.length > 0) throw new Error(`install in ${dir} is incomplete: missing ${missing.join(', ')}`);
  writeFileSync(markerPath(dir), lockDigest(dir));
  console.log(`[harness] installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export function ensureRuntimes() {
  npmCi(NODE_DIR, {}, ['node_modules/node20/bin/node', 'node_modules/node24/bin/node']);
}

/**
 * @vscode/ripgrep 1.15.11 (used by code-server 4.100) downloads rg from GitHub in its
 * postinstall. Seed its download cache with Debian's rg so it says "Using cached download".
 */
function seedRipgrepCache(tmp) {
  const rg = findOnPath('rg');
  if (!rg) throw new Error('code-server 4.100 needs ripgrep: install the Debian package "ripgrep" first');
  const cacheDir = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(tmp, 'rg-'));
  execFileSync('cp', [rg, join(staging, 'rg')]);
  execFileSync('tar', [
    '-czf',
    join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'),
    '-C',
    staging,
    'rg',
  ]);
  rmSync(staging, { recursive: true, force: true });
}

function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

export function ensureCodeServer(build) {
  ensureRuntimes();
  const { dir, runtime } = VSCODE_BUILDS[build];
  const required = ['node_modules/code-server/out/node/entry.js', 'node_modules/code-server/lib/vscode/node_modules'];
  if (isInstalled(dir, required)) return;
  const env = {
    PATH: pathWith(runtime),
    // Native addons compile against the headers of the Node that runs the server.
    npm_config_nodedir: RUNTIMES[runtime],
    // code-server's postinstall refuses to run as root without this.
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
    npm_config_yes: 'true',
  };
  if (build === 'minimum') {
    const tmp = mkdtempSync(join(tmpdir(), 'biopassid-cs-install-'));
    seedRipgrepCache(tmp);
    env.TMPDIR = tmp;
  }
  npmCi(dir, env, required);
}

/**
 * The toolchain runs on the harness's Node 24. A script started with another Node calls this
 * first: it installs the runtimes if needed and runs the same script again on Node 24, then exits.
 */
export function reexecOnNode24() {
  if (process.versions.node.split('.')[0] === '24') return;
  ensureRuntimes();
  const result = spawnSync(nodeBinary('node24'), process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, PATH: pathWith('node24') },
  });
  process.exit(result.status ?? 1);
}
