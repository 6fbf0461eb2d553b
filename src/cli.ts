import { runCli } from './cli/main';
import { l10n } from './core/l10n';

// The CLI entry (bundled to dist/cli.js with a shebang): wires the real process to runCli.
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stderrIsTerminal: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`biopassid: ${l10n.t('unexpected error: {0}', message)}\n`);
    process.exitCode = 1;
  },
);
