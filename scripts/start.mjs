// `npm start`: builds and packages the extension, installs it into code-server (a full VS Code in
// the browser), opens a sample workspace of synthetic images, and prints the URL to open.
// Ctrl-C stops everything it started.  Options: --port N (default 8080, or a free one if taken).
import { spawnSync } from 'node:child_process';
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

const port = (await isFree(requestedPort)) ? requestedPort : await freePort();
const server = await startCodeServer({ build: 'latest', userDataDir, extensionsDir, port });
console.log('\nBioPass ID is running in VS Code (code-server). Open this URL in your browser:\n');
console.log(`    ${server.url(workspace)}\n`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping code-server');
    await server.stop();
    process.exit(0);
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
