import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Dataset, DatasetError, readDatasetFolder, readPairsFile } from '../../core/eval/dataset';
import { buildEvalReport } from '../../core/eval/evalReport';
import { EvalAborted, estimateSeconds, planEvaluation, plannedCalls, runEvaluation } from '../../core/eval/run';
import { DEFAULT_TARGET_FMR, summarise, summaryLines } from '../../core/eval/summary';
import { l10n } from '../../core/l10n';
import { COMMON_OPTIONS, CONNECTION_OPTIONS, parse, positiveNumberOption, stringOption } from '../args';
import { clientFor, connectionFrom } from '../connection';
import { type CliIo, EXIT, UsageError } from '../io';
import {
  concurrencyFrom,
  formatDuration,
  interruptSignal,
  perCallSeconds,
  thumbnailsOf,
  writeReport,
} from './evalCommon';

export const EVAL_JOURNAL_NAME = '.biopassid-eval.jsonl';

export async function runEval(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    ...COMMON_OPTIONS,
    ...CONNECTION_OPTIONS,
    impostors: { type: 'string' },
    seed: { type: 'string' },
    'target-fmr': { type: 'string' },
    report: { type: 'string' },
    'include-thumbnails': { type: 'boolean' },
    fingers: { type: 'boolean' },
    journal: { type: 'string' },
    concurrency: { type: 'string' },
  });
  const [source, ...extra] = parsed.positionals;
  if (!source || extra.length > 0) throw new UsageError(l10n.t('eval takes one folder or pairs.csv'));
  const impostors = positiveNumberOption(parsed, 'impostors');
  if (impostors !== undefined && !Number.isInteger(impostors))
    throw new UsageError(l10n.t('--impostors must be a whole number'));
  const targetFmr = positiveNumberOption(parsed, 'target-fmr') ?? DEFAULT_TARGET_FMR;
  if (targetFmr >= 1) throw new UsageError(l10n.t('--target-fmr must be between 0 and 1, e.g. 1e-3'));
  const connection = connectionFrom(parsed, io);
  const path = resolve(io.cwd, source);
  const isFolder = (await stat(path).catch(() => undefined))?.isDirectory() === true;
  let dataset: Dataset;
  try {
    dataset = isFolder ? await readDatasetFolder(path) : await readPairsFile(path);
  } catch (error) {
    const message =
      error instanceof DatasetError
        ? error.message
        : l10n.t('Cannot read {0}: {1}', source, error instanceof Error ? error.message : String(error));
    io.stderr(`${message}\n${l10n.t('Nothing was sent.')}\n`);
    return EXIT.failed;
  }
  const journal = resolve(
    io.cwd,
    stringOption(parsed, 'journal') ?? (isFolder ? join(path, EVAL_JOURNAL_NAME) : `${path}.journal.jsonl`),
  );
  const plan = await planEvaluation(dataset, {
    ...(impostors === undefined ? {} : { impostors }),
    seed: stringOption(parsed, 'seed') ?? '1',
    ...(parsed.values.fingers === true ? { modality: 'FINGER' as const } : {}),
    journal,
    target: connection.baseUrl,
  });
  const concurrency = concurrencyFrom(parsed);
  const calls = plannedCalls(plan);
  const duration = formatDuration(estimateSeconds(calls.total, concurrency, perCallSeconds(connection)));
  const announced = [
    dataset.images.length,
    plan.pairs.length,
    calls.extract,
    calls.match,
    connection.describe,
    duration,
    concurrency,
  ];
  io.stderr(
    `${
      plan.known.size > 0
        ? l10n.t(
            '{0} images, {1} comparisons: {2} extract + {3} match calls to {4} ({7} scores already in the journal); {5} at concurrency {6}.',
            ...announced,
            plan.known.size,
          )
        : l10n.t(
            '{0} images, {1} comparisons: {2} extract + {3} match calls to {4}; {5} at concurrency {6}.',
            ...announced,
          )
    }\n`,
  );
  for (const [index, reason] of plan.refused) {
    io.stderr(`${l10n.t('skipped {0}: {1}', dataset.images[index]?.name ?? '', reason)}\n`);
  }
  let scores: Awaited<ReturnType<typeof runEvaluation>>;
  const interrupt = interruptSignal();
  try {
    scores = await runEvaluation(plan, clientFor(connection), { concurrency, signal: interrupt.signal });
  } catch (error) {
    if (!(error instanceof EvalAborted)) throw error;
    io.stderr(
      `${error.message}\n${l10n.t('The scores received so far are in {0}: run the same command again to resume.', journal)}\n`,
    );
    return EXIT.failed;
  } finally {
    interrupt.dispose();
  }
  const summary = summarise(scores, targetFmr);
  if (parsed.values.json === true) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout(`${summaryLines(summary).join('\n')}\n`);
  const report = stringOption(parsed, 'report');
  if (report !== undefined) {
    const byName = new Map(dataset.images.map((image) => [image.name, image.path]));
    const names = [...summary.worstGenuine, ...summary.worstImpostor].flatMap((pair) => [pair.a, pair.b]);
    const thumbnails =
      parsed.values['include-thumbnails'] === true ? await thumbnailsOf(names, (name) => byName.get(name)) : undefined;
    await writeReport(
      io,
      report,
      buildEvalReport(summary, { source, target: connection.describe, ...(thumbnails ? { thumbnails } : {}) }),
    );
  }
  if (scores.cancelled) io.stderr(`${l10n.t('Stopped: run the same command again to resume from {0}.', journal)}\n`);
  return scores.cancelled ? EXIT.failed : EXIT.ok;
}
