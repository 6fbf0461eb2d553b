import { stat, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import {
  BULK_OPERATIONS,
  type BulkCommand,
  type BulkSummary,
  GateSpecError,
  JournalError,
  journalStatus,
  needsAttention,
  type PersonResultKind,
  parseGates,
  personLine,
  progressLine,
  reportCsv,
  reportJson,
  runBulk,
  slotFromName,
  statusLines,
  summaryLine,
} from '../../core/bulk';
import { boundHeapGrowthForBulk } from '../../core/bulk/heapGrowth';
import { l10n } from '../../core/l10n';
import { COMMON_OPTIONS, CONNECTION_OPTIONS, parse, positiveNumberOption, stringOption } from '../args';
import { clientFor, connectionFrom } from '../connection';
import { type CliIo, EXIT, UsageError } from '../io';

const BULK_OPTIONS = {
  ...COMMON_OPTIONS,
  ...CONNECTION_OPTIONS,
  journal: { type: 'string' },
  'id-from': { type: 'string' },
  ids: { type: 'string' },
  finger: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  gate: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  report: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  'update-changed': { type: 'boolean' },
  'max-image-mb': { type: 'string' },
} as const;

const SUBCOMMANDS = [...BULK_OPERATIONS, 'rollback', 'status'] as const;

/** Progress redraws on a terminal at most this often. */
const REDRAW_MS = 200;

export async function runBulkCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) {
    throw new UsageError(
      sub
        ? l10n.t('bulk needs one of {0}, not "{1}"', SUBCOMMANDS.join(', '), sub)
        : l10n.t('bulk needs one of {0}', SUBCOMMANDS.join(', ')),
    );
  }
  const parsed = parse(rest, BULK_OPTIONS);
  const journalOption = stringOption(parsed, 'journal');
  if (!journalOption) throw new UsageError(l10n.t('bulk {0} needs --journal FILE', sub ?? ''));
  const journal = resolve(io.cwd, journalOption);
  const json = parsed.values.json === true;

  if (sub === 'status') {
    if (parsed.positionals.length > 0) throw new UsageError(l10n.t('bulk status takes only --journal'));
    try {
      const status = journalStatus(journal);
      io.stdout(
        json
          ? `${JSON.stringify({ journal, ...status }, null, 2)}\n`
          : `${statusLines(journalOption, status).join('\n')}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      const message =
        error instanceof JournalError
          ? error.message
          : (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? l10n.t('There is no journal at {0}.', journalOption)
            : String(error);
      io.stderr(`${message}\n`);
      return EXIT.failed;
    }
  }

  const command = sub as BulkCommand;
  let source: string | undefined;
  if (command === 'rollback') {
    if (parsed.positionals.length > 0)
      throw new UsageError(l10n.t('bulk rollback takes its folder from the journal: pass only --journal'));
  } else {
    const [given, ...extra] = parsed.positionals;
    if (!given) throw new UsageError(l10n.t('bulk {0} needs a folder or a .csv list', command));
    if (extra.length > 0)
      throw new UsageError(l10n.t('bulk {0} takes one folder or .csv, not {1}', command, parsed.positionals.length));
    source = resolve(io.cwd, given);
    const stats = await stat(source).catch(() => undefined);
    if (!stats) {
      io.stderr(`${l10n.t('{0} does not exist. Nothing was sent.', given)}\n`);
      return EXIT.failed;
    }
    if (!stats.isDirectory() && extname(source).toLowerCase() !== '.csv') {
      throw new UsageError(l10n.t('bulk {0} takes a folder or a .csv list, not {1}', command, given));
    }
  }
  const idFrom = stringOption(parsed, 'id-from');
  if (idFrom !== undefined && idFrom !== 'file' && idFrom !== 'folder') {
    throw new UsageError(l10n.t('--id-from must be file or folder, not "{0}"', idFrom));
  }
  const idsOption = stringOption(parsed, 'ids');
  if (idsOption !== undefined && idFrom === 'folder')
    throw new UsageError(l10n.t('--ids and --id-from folder do not go together'));
  const fingerOption = stringOption(parsed, 'finger');
  const fingerSlot = fingerOption === undefined ? undefined : slotFromName(fingerOption);
  if (fingerOption !== undefined && (fingerSlot === undefined || fingerSlot === 'Face-1')) {
    throw new UsageError(l10n.t('--finger must be 1..10, not "{0}"', fingerOption));
  }
  let gates: ReturnType<typeof parseGates> | undefined;
  const gateOption = parsed.values.gate;
  if (Array.isArray(gateOption) && gateOption.length > 0) {
    try {
      gates = parseGates(gateOption.join(','));
    } catch (error) {
      if (error instanceof GateSpecError) throw new UsageError(error.message);
      throw error;
    }
  }
  const concurrency = positiveNumberOption(parsed, 'concurrency');
  if (concurrency !== undefined && !Number.isInteger(concurrency))
    throw new UsageError(l10n.t('--concurrency must be a whole number'));
  const rate = positiveNumberOption(parsed, 'rate');
  const maxImageMb = positiveNumberOption(parsed, 'max-image-mb');
  const reportOption = stringOption(parsed, 'report');
  const report = reportOption === undefined ? undefined : resolve(io.cwd, reportOption);
  const connection = connectionFrom(parsed, io);

  const terminal = io.stderrIsTerminal === true && !json;
  let lastDraw = 0;
  let drawn = false;
  const clearLine = () => {
    if (drawn) io.stderr('\r\x1b[2K');
    drawn = false;
  };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  const listens = typeof process.once === 'function' && io.stderrIsTerminal !== undefined;
  if (listens) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  let summary: BulkSummary;
  // This process runs nothing else: a tighter heap for a run that may be 100,000 persons long.
  boundHeapGrowthForBulk();
  try {
    summary = await runBulk({
      command,
      ...(source === undefined ? {} : { source }),
      journal,
      connection: { baseUrl: connection.baseUrl, client: (sleep) => clientFor(connection, sleep) },
      ...(idFrom === undefined ? {} : { idFrom }),
      ...(idsOption === undefined ? {} : { idsFile: resolve(io.cwd, idsOption) }),
      ...(fingerSlot === undefined ? {} : { fingerSlot }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(rate === undefined ? {} : { rate }),
      ...(gates === undefined ? {} : { gates }),
      updateChanged: parsed.values['update-changed'] === true,
      skipInvalid: parsed.values['skip-invalid'] === true,
      dryRun: parsed.values['dry-run'] === true,
      ...(maxImageMb === undefined ? {} : { maxImageBytes: Math.floor(maxImageMb * 1024 * 1024) }),
      ...(report === undefined ? {} : { ownFiles: [report] }),
      signal: controller.signal,
      onPerson: (result) => {
        if (json || result.result === 'already-done') return;
        const failure = result.result !== 'enrolled' && result.result !== 'updated' && result.result !== 'deleted';
        if (terminal && !failure) return;
        clearLine();
        io.stdout(`${personLine(result)}\n`);
      },
      onProgress: (progress) => {
        if (!terminal) return;
        const time = Date.now();
        if (time - lastDraw < REDRAW_MS && progress.done < progress.total) return;
        lastDraw = time;
        io.stderr(`\r\x1b[2K${progressLine(progress)}`);
        drawn = true;
      },
    });
  } finally {
    if (listens) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    clearLine();
  }

  if (report !== undefined && summary.end !== 'refused') {
    await writeFile(report, extname(report).toLowerCase() === '.json' ? reportJson(summary) : reportCsv(summary));
  }
  if (json) {
    io.stdout(reportJson(summary));
  } else {
    for (const problem of summary.problems) io.stderr(`${problem.message}\n`);
    if (summary.end === 'dry-run') {
      for (const person of summary.persons) io.stdout(`${personLine(person)}\n`);
    }
    if (summary.message) io.stderr(`${summary.message}\n`);
    if (summary.end !== 'refused') io.stdout(`${summaryLine(summary)}\n`);
    if (report !== undefined && summary.end !== 'refused') io.stdout(`${l10n.t('Report: {0}', reportOption ?? '')}\n`);
  }
  const clean =
    (summary.end === 'done' || summary.end === 'dry-run') &&
    (Object.keys(summary.counts) as PersonResultKind[]).every((kind) => !needsAttention(kind));
  return clean ? EXIT.ok : EXIT.failed;
}
