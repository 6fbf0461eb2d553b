#!/usr/bin/env node
// Stands in for a desktop VS Code executable in @vscode/test-electron's runTests(): takes the
// desktop flags (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
// --extensions-dir=, a folder), runs the same extension tests in code-server's real extension
// host through headless Chromium, and exits with the tests' exit code.
// BIOPASSID_VSCODE_BUILD picks the VS Code build (latest | minimum).
// BIOPASSID_WORKSPACE_TRUST=untrusted keeps workspace trust on, so the folder opens untrusted
// (Restricted Mode); by default trust is disabled, as @vscode/test-electron does on the desktop.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  launchBrowser,
  makeScratchDir,
  openTestWorkbench,
  startCodeServer,
  UNTRUSTED_SETTINGS,
} from './code-server.mjs';
import { VSCODE_BUILDS } from './install.mjs';

const TEST_TIMEOUT_MS = 10 * 60_000;

function parseDesktopArgs(argv) {
  const options = { folder: undefined };
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) options[match[1]] = match[2];
    else if (!arg.startsWith('--')) options.folder = resolve(arg);
  }
  return options;
}

async function main() {
  const build = process.env.BIOPASSID_VSCODE_BUILD ?? 'latest';
  if (!VSCODE_BUILDS[build]) throw new Error(`unknown BIOPASSID_VSCODE_BUILD "${build}"`);
  const trust = process.env.BIOPASSID_WORKSPACE_TRUST ?? 'disabled';
  if (!['disabled', 'untrusted'].includes(trust)) {
    throw new Error(`unknown BIOPASSID_WORKSPACE_TRUST "${trust}" (disabled | untrusted)`);
  }
  const untrusted = trust === 'untrusted';
  const options = parseDesktopArgs(process.argv.slice(2));
  const developmentPath = options.extensionDevelopmentPath;
  const testsPath = options.extensionTestsPath;
  if (!developmentPath || !testsPath)
    throw new Error('--extensionDevelopmentPath and --extensionTestsPath are required');
  const scratch = makeScratchDir('bpid-it-');
  const userDataDir = options['user-data-dir'] ?? resolve(scratch, 'user-data');
  const extensionsDir = options['extensions-dir'] ?? resolve(scratch, 'extensions');
  const folder = options.folder ?? resolve(scratch, 'workspace');
  for (const dir of [userDataDir, extensionsDir, folder]) mkdirSync(dir, { recursive: true });

  console.log(`[launcher] ${VSCODE_BUILDS[build].label}${untrusted ? ', untrusted folder (Restricted Mode)' : ''}`);
  const server = await startCodeServer({
    build,
    userDataDir,
    extensionsDir,
    runsExtensionTests: true,
    ...(untrusted ? { workspaceTrust: true, settings: UNTRUSTED_SETTINGS } : {}),
  });
  const browser = await launchBrowser();
  try {
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(resolve(developmentPath))],
      ['extensionTestsPath', server.remoteUri(resolve(testsPath).replace(/\.js$/, ''))],
    ];
    const { exitCode } = await openTestWorkbench(browser, server.url(folder, payload));
    const timeout = new Promise((resolveTimeout) =>
      setTimeout(() => resolveTimeout('timeout'), TEST_TIMEOUT_MS).unref(),
    );
    const outcome = await Promise.race([exitCode, timeout]);
    if (outcome === 'timeout') {
      console.error(`[launcher] the tests did not finish within ${TEST_TIMEOUT_MS / 60_000} minutes`);
      console.error(server.output());
      return 1;
    }
    return outcome;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[launcher] ${error.stack ?? error}`);
    process.exit(1);
  },
);
