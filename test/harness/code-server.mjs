// Starts code-server (a full VS Code server + web workbench) and drives its workbench in headless
// Chromium. Used by the integration launcher, the end-to-end tests and `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { codeServerEntry, nodeBinary, VSCODE_BUILDS } from './install.mjs';

/** Settings that keep the workbench quiet: no welcome page, tips, telemetry or AI panels. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * With `workspaceTrust`, these settings keep trust on and open the folder in Restricted Mode
 * without the startup modal (a folder nobody trusted yet: `vscode.workspace.isTrusted` is false).
 */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};

export const CHROMIUM_PATH = process.env.BIOPASSID_CHROMIUM ?? '/usr/bin/chromium';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A short scratch folder for one server: code-server puts sockets under TMPDIR and XDG
 * folders, and a Unix socket path must stay under 107 characters.
 */
export function makeScratchDir(prefix = 'bpid-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

function serverEnvironment(scratch, extraEnv) {
  const env = { ...process.env, ...extraEnv };
  for (const name of ['TMPDIR', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) {
    env[name] = join(scratch, name.toLowerCase());
    mkdirSync(env[name], { recursive: true });
  }
  // A VS Code that launched this process must not leak its own IPC into the server.
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_')) delete env[name];
  return env;
}

/** Installs a .vsix into an extensions folder with the server's own CLI. */
export function installVsix({ build, vsix, extensionsDir, userDataDir }) {
  const result = spawnSync(
    nodeBinary(VSCODE_BUILDS[build].runtime),
    [
      codeServerEntry(build),
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { encoding: 'utf8', env: serverEnvironment(makeScratchDir('bpid-install-'), {}) },
  );
  if (result.status !== 0) throw new Error(`installing ${vsix} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * Starts code-server on a free loopback port. Returns its address, a URL builder and stop().
 * The server runs in its own process group so stop() ends it with everything it spawned.
 * Workspace trust is off unless `workspaceTrust` is set (see UNTRUSTED_SETTINGS).
 */
export async function startCodeServer({
  build,
  userDataDir,
  extensionsDir,
  settings = {},
  env = {},
  port,
  log = () => {},
  runsExtensionTests = false,
  workspaceTrust = false,
  /** More server flags, e.g. `['--locale', 'pt-br']`. */
  args: extraArgs = [],
}) {
  const scratch = makeScratchDir();
  const chosenPort = port ?? (await freePort());
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2),
  );
  const configFile = join(scratch, 'config.yaml');
  writeFileSync(configFile, 'cert: false\n');
  const args = [
    codeServerEntry(build),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--config',
    configFile,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--ignore-last-opened',
    '--disable-getting-started-override',
    ...VSCODE_BUILDS[build].serverArgs,
    ...(runsExtensionTests ? VSCODE_BUILDS[build].testPayloadArgs : []),
    ...extraArgs,
  ];
  const child = spawn(nodeBinary(VSCODE_BUILDS[build].runtime), args, {
    env: serverEnvironment(scratch, env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const collect = (chunk) => {
    const text = chunk.toString();
    output.push(text);
    log(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const origin = `http://127.0.0.1:${chosenPort}`;
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
    rmSync(scratch, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 250))]);
    if (state) throw new Error(`code-server exited early (${format(state)}):\n${output.join('')}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output.join('')}`);
    }
  }

  return {
    origin,
    port: chosenPort,
    /** Workbench URL opening a folder, optionally with an extension test payload. */
    url(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query}`;
    },
    /** A file path as the workbench addresses it (vscode-remote authority = this server). */
    remoteUri(path) {
      return `vscode-remote://127.0.0.1:${chosenPort}${path}`;
    },
    output: () => output.join(''),
    stop,
  };
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Opens a workbench page with the hooks the workbench calls while it runs extension tests:
 * codeAutomationLog for each console line of the extension host, codeAutomationExit when done.
 */
export async function openTestWorkbench(browser, url, { onLog = console.log } = {}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let resolveExit;
  const exitCode = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    onLog(format(...(Array.isArray(args) ? args : [args])));
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
  await page.goto(url);
  return { page, exitCode };
}
