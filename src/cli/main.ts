import { l10n } from '../core/l10n';
import { runBulkCommand } from './commands/bulk';
import { runDelete } from './commands/delete';
import { runEval } from './commands/eval';
import { runFromCurl } from './commands/fromCurl';
import { IMAGE_COMMANDS, type ImageCommand, runImageCommand } from './commands/image';
import { runQualityCommand } from './commands/quality';
import { runSamples } from './commands/samples';
import { runSandbox } from './commands/sandbox';
import { runSend } from './commands/send';
import { runTest } from './commands/test';
import { runValidate } from './commands/validate';
import { commandHelp, mainHelp } from './help';
import { type CliIo, EXIT, UsageError } from './io';
import { takeLangOption, useCliLanguage } from './language';
import { redactedIo } from './output';

declare const BIOPASSID_VERSION: string | undefined;

type Runner = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Runner> = {
  validate: runValidate,
  send: runSend,
  delete: runDelete,
  sandbox: runSandbox,
  samples: runSamples,
  eval: runEval,
  quality: runQualityCommand,
  bulk: runBulkCommand,
  test: runTest,
  'from-curl': runFromCurl,
  ...Object.fromEntries(
    (Object.keys(IMAGE_COMMANDS) as ImageCommand[]).map((name) => [
      name,
      (argv: string[], io: CliIo) => runImageCommand(name, argv, io),
    ]),
  ),
};

/**
 * Runs one CLI invocation and returns its exit code; never calls process.exit itself. The
 * language (`--lang`, else the locale variables) is set first, before any text is built.
 */
export async function runCli(argv: string[], processIo: CliIo): Promise<number> {
  // Everything printed from here on passes the redactor (src/cli/output.ts).
  const io = redactedIo(processIo);
  const { argv: args, flag } = takeLangOption(argv);
  try {
    useCliLanguage(flag, io.env);
  } catch (error) {
    io.stderr(`biopassid: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${mainHelp()}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${typeof BIOPASSID_VERSION === 'string' ? BIOPASSID_VERSION : 'development'}\n`);
    return EXIT.ok;
  }
  const runner = COMMANDS[command];
  if (!runner) {
    io.stderr(
      `${l10n.t('Unknown command "{0}". Commands: {1}.', command, Object.keys(COMMANDS).join(', '))}\n${l10n.t('Run biopassid --help.')}\n`,
    );
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${commandHelp()[command] ?? mainHelp()}\n`);
    return EXIT.ok;
  }
  try {
    return await runner(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`biopassid ${command}: ${error.message}\n${l10n.t('Run biopassid {0} --help.', command)}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`biopassid ${command}: ${l10n.t('unexpected error: {0}', message)}\n`);
    return EXIT.failed;
  }
}
