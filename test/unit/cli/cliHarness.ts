import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured output, the given environment and working folder;
 * `waitForStop` ends a long-running command (sandbox).
 */
export async function cli(
  argv: string[],
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
  more: Pick<CliIo, 'waitForStop' | 'readStdin'> = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    cwd,
    ...more,
  });
  return { code, stdout, stderr } satisfies CliRun;
}
