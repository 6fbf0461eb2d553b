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
import { COMMAND_HELP, MAIN_HELP } from './help';
import { type CliIo, EXIT, UsageError } from './io';
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

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], processIo: CliIo): Promise<number> {
  // Everything printed from here on passes the redactor (src/cli/output.ts).
  const io = redactedIo(processIo);
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${MAIN_HELP}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${typeof BIOPASSID_VERSION === 'string' ? BIOPASSID_VERSION : 'development'}\n`);
    return EXIT.ok;
  }
  const runner = COMMANDS[command];
  if (!runner) {
    io.stderr(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.\nRun biopassid --help.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${COMMAND_HELP[command] ?? MAIN_HELP}\n`);
    return EXIT.ok;
  }
  try {
    return await runner(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`biopassid ${command}: ${error.message}\nRun biopassid ${command} --help.\n`);
      return EXIT.usage;
    }
    io.stderr(`biopassid ${command}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
