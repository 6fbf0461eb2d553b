// `npm start`: builds and packages the extension, starts the local sandbox (the BioPass ID
// contract, offline), installs the extension into code-server (a full VS Code in the browser)
// pointed at the sandbox, opens a sample workspace of synthetic images, and prints the URL.
// Ctrl-C stops everything it started.  Options: --port N (default 8080, or a free one if taken).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, installVsix, startCodeServer } from '../test/harness/code-server.mjs';
import { ensureCodeServer, reexecOnNode24 } from '../test/harness/install.mjs';
import { makeSampleWorkspace } from './sample-workspace.mjs';

reexecOnNode24();

const root = new URL('..', import.meta.url).pathname;
const portArg = process.argv.indexOf('--port');
const requestedPort = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
if (!Number.isInteger(requestedPort) || requestedPort <= 0 || requestedPort > 65535) {
  console.error('--port needs a port number between 1 and 65535');
  process.exit(2);
}

function step(label, args) {
  console.log(`[start] ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('packaging the extension', ['scripts/package.mjs']);
step('building the sample-workspace helpers', ['scripts/build.mjs', '--tests']);
ensureCodeServer('latest');

const home = join(root, '.vscode-test', 'start');
const userDataDir = join(home, 'user-data');
const extensionsDir = join(home, 'extensions');
mkdirSync(userDataDir, { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
const { name, version } = (await import('../package.json', { with: { type: 'json' } })).default;
installVsix({ build: 'latest', vsix: join(root, `${name}-${version}.vsix`), extensionsDir, userDataDir });
const workspace = makeSampleWorkspace(join(home, 'sample-workspace'));

const sandbox = await startSandbox();
const port = (await isFree(requestedPort)) ? requestedPort : await freePort();
// The extension reads BIOPASSID_API_KEY when no key is stored, and the settings point it at the
// sandbox: trying the product needs no key and no network.
const server = await startCodeServer({
  build: 'latest',
  userDataDir,
  extensionsDir,
  port,
  settings: {
    'biopassid.environment': 'custom',
    'biopassid.customBaseUrl': sandbox.url,
    // The sample workspace lives inside this repository's folder: no "open the parent repository?" prompt.
    'git.openRepositoryInParentFolders': 'never',
  },
  env: { BIOPASSID_API_KEY: sandbox.key },
});
console.log(`\n[start] local sandbox at ${sandbox.url} (biopassid.environment = custom)`);
console.log('\nBioPass ID is running in VS Code (code-server). Open this URL in your browser:\n');
console.log(`    ${server.url(workspace)}\n`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping code-server and the sandbox');
    await server.stop();
    sandbox.process.kill('SIGINT');
    process.exit(0);
  });
}

/** Runs `biopassid sandbox` from the freshly built bundle and waits for its banner. */
function startSandbox() {
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'sandbox'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let banner = '';
    child.stdout.on('data', (chunk) => {
      banner += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
      const key = /Subscription key: (\S+)/.exec(banner)?.[1];
      if (url && key) resolve({ url, key, process: child });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
}

async function isFree(candidate) {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
