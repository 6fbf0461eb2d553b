import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the integration suite in a real extension host through @vscode/test-electron. Without a
 * desktop VS Code to download (these machines), the executable is the project's launcher, which
 * runs the same tests in code-server; BIOPASSID_VSCODE_EXECUTABLE may name a desktop VS Code.
 * BIOPASSID_WORKSPACE_TRUST=untrusted runs the untrusted-workspace suites instead (untrusted/),
 * in a folder the launcher opens untrusted; test-electron always disables trust on the desktop.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const scratch = mkdtempSync(join(tmpdir(), 'bpid-run-'));
  const workspace = join(scratch, 'workspace');
  await runTests({
    vscodeExecutablePath: process.env.BIOPASSID_VSCODE_EXECUTABLE ?? join(root, 'test/harness/launch-tests.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(
      __dirname,
      process.env.BIOPASSID_WORKSPACE_TRUST === 'untrusted' ? 'untrusted/index.js' : 'index.js',
    ),
    launchArgs: [
      workspace,
      `--user-data-dir=${join(scratch, 'user-data')}`,
      `--extensions-dir=${join(scratch, 'extensions')}`,
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
