import { l10n } from '../../core/l10n';
import { formatSandboxBanner, startSandbox } from '../../core/sandbox';
import { parse, stringOption } from '../args';
import { type CliIo, EXIT, UsageError } from '../io';

export async function runSandbox(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    help: { type: 'boolean', short: 'h' },
    port: { type: 'string' },
    key: { type: 'string' },
    rate: { type: 'string' },
  });
  if (parsed.positionals.length > 0)
    throw new UsageError(l10n.t('sandbox takes no arguments (got "{0}")', parsed.positionals[0] ?? ''));
  const portText = stringOption(parsed, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(l10n.t('--port must be 0..65535, not "{0}"', portText ?? ''));
  const key = stringOption(parsed, 'key');
  if (key !== undefined && key.trim() === '') throw new UsageError(l10n.t('--key must not be empty'));
  const rateText = stringOption(parsed, 'rate');
  const rate = rateText === undefined ? undefined : Number(rateText);
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1))
    throw new UsageError(
      l10n.t('--rate must be a whole number of requests per second (1 or more), not "{0}"', rateText ?? ''),
    );
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({ port, ...(key ? { keys: [key] } : {}), ...(rate === undefined ? {} : { rate }) });
  } catch (error) {
    io.stderr(
      `${l10n.t('Could not start the sandbox: {0}', error instanceof Error ? error.message : String(error))}\n`,
    );
    return EXIT.failed;
  }
  io.stdout(`${formatSandboxBanner(sandbox).join('\n')}\n`);
  if (rate !== undefined)
    io.stdout(`${l10n.t('Rate limit: {0} requests per second; more are answered 429 with Retry-After.', rate)}\n`);
  await (io.waitForStop ?? waitForSignal)();
  await sandbox.close();
  io.stdout(`${l10n.t('Sandbox stopped.')}\n`);
  return EXIT.ok;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
