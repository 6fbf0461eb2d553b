import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { ESTIMATED_CALL_SECONDS } from '../core/contract/choices';
import { type Dataset, DatasetError, readDatasetFolder, readPairsFile } from '../core/eval/dataset';
import { buildEvalReport } from '../core/eval/evalReport';
import { EvalAborted, estimateSeconds, planEvaluation, plannedCalls, runEvaluation } from '../core/eval/run';
import { type EvalSummary, summarise, summaryLines } from '../core/eval/summary';
import { resolveTarget } from '../run/target';
import { ensureConsent } from './consent';
import { folderArgument, progressReporter } from './folderArgument';
import { chooseImpostors } from './impostorChoice';
import { showReport } from './reportPanel';
import { thumbnailsFrom } from './thumbnails';

export const EVAL_JOURNAL_NAME = '.biopassid-eval.jsonl';

/**
 * Explorer -> BioPass ID -> Evaluate Accuracy… on a folder of FOLDER/<person>/<image> or on a
 * pairs.csv, what `biopassid eval` does: consent (once per folder or file), all impostor pairs or
 * a seeded sample (the CLI's --impostors N --seed S, see impostorChoice.ts), the number of calls
 * and an estimate to confirm, a cancellable progress, then the report in a webview. Scores are
 * journaled where the CLI journals them, so a cancelled run resumes where it stopped.
 */
export function evaluateAccuracy(services: ExtensionServices) {
  return async (argument?: unknown): Promise<EvalSummary | undefined> => {
    const source = await folderArgument(
      services,
      argument,
      vscode.l10n.t('Evaluate Accuracy: a folder of one subfolder per person'),
    );
    if (!source) return undefined;
    const read = await readSource(services, source);
    if (!read) return undefined;
    const { dataset, isFolder } = read;
    const target = await resolveTarget(services, 'match');
    if (!target) return undefined;
    if (!(await ensureConsent(services, source.toString(), target.describe))) return undefined;
    const concurrency = services.config.maxConcurrentRequests;
    const perCall = target.environment === 'sandbox' ? ESTIMATED_CALL_SECONDS.local : ESTIMATED_CALL_SECONDS.remote;
    const choice = await chooseImpostors(services, dataset, (count) => estimateSeconds(count, concurrency, perCall));
    if (!choice) return undefined;
    const plan = await planEvaluation(dataset, {
      ...(choice.impostors === undefined ? {} : { impostors: choice.impostors }),
      seed: choice.seed,
      // Where the CLI keeps it: in the folder, or beside the pairs file.
      journal: isFolder ? vscode.Uri.joinPath(source, EVAL_JOURNAL_NAME).fsPath : `${source.fsPath}.journal.jsonl`,
      target: target.baseUrl,
      maxImageBytes: services.config.maxImageBytes,
    });
    for (const [index, reason] of plan.refused) {
      services.log.warn(`Evaluate Accuracy · skipped ${dataset.images[index]?.name}: ${reason}`);
    }
    const calls = plannedCalls(plan);
    const seconds = estimateSeconds(calls.total, concurrency, perCall);
    const EVALUATE = vscode.l10n.t('Evaluate');
    const answer = await services.ui.confirm(
      vscode.l10n.t(
        'Evaluate accuracy on {0} images: {1} calls to {2}?',
        dataset.images.length,
        calls.total,
        target.describe,
      ),
      vscode.l10n.t({
        message:
          '{extract} extract and {match} match calls ({pairs} comparisons, {known} scores already in the journal), about {seconds} s at {concurrency} at a time.',
        args: {
          extract: calls.extract,
          match: calls.match,
          pairs: plan.pairs.length,
          known: plan.known.size,
          seconds: Math.max(1, Math.round(seconds)),
          concurrency,
        },
        comment: ['{extract} and {match} are numbers of API calls; {concurrency} is how many run at once'],
      }),
      EVALUATE,
    );
    if (answer !== EVALUATE) return undefined;
    const scores = await services.ui.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('BioPass ID: evaluating accuracy'),
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        try {
          return await runEvaluation(plan, target.client, {
            concurrency,
            signal: controller.signal,
            onProgress: progressReporter(progress),
          });
        } catch (error) {
          if (!(error instanceof EvalAborted)) throw error;
          services.log.warn(`Evaluate Accuracy · ${source.fsPath} · ${target.describe}\n  ${error.message}`);
          void services.ui.showErrorMessage(
            vscode.l10n.t('BioPass ID: {0} The scores so far are kept: run it again to resume.', error.message),
            vscode.l10n.t('View Logs'),
          );
          return undefined;
        }
      },
    );
    if (!scores) return undefined;
    const summary = summarise(scores);
    services.log.info(
      `Evaluate Accuracy · ${source.fsPath} · ${target.describe}\n${summaryLines(summary)
        .map((line) => `  ${line}`)
        .join('\n')}`,
    );
    const byName = new Map(dataset.images.map((image) => [image.name, image.path]));
    const names = [...summary.worstGenuine, ...summary.worstImpostor].flatMap((pair) => [pair.a, pair.b]);
    const thumbnails = await thumbnailsFrom(services, names, (name) => byName.get(name));
    const name = source.path.split('/').pop() ?? source.fsPath;
    const reportName = isFolder ? name : name.replace(/\.csv$/i, '');
    showReport(
      services,
      vscode.l10n.t('Accuracy: {0}', name),
      (nonce) => buildEvalReport(summary, { source: name, target: target.describe, nonce, thumbnails }),
      {
        fileHtml: buildEvalReport(summary, { source: name, target: target.describe }),
        suggestedName: `${reportName}-accuracy.html`,
        folder: isFolder ? source : vscode.Uri.joinPath(source, '..'),
      },
    );
    return summary;
  };
}

/**
 * The dataset of a folder (FOLDER/<person>/<image>) or of a pairs file (a,b,genuine), read as the
 * CLI reads it, with its messages; undefined, after saying why, when it cannot be evaluated.
 */
async function readSource(
  services: ExtensionServices,
  source: vscode.Uri,
): Promise<{ dataset: Dataset; isFolder: boolean } | undefined> {
  const isFolder = await vscode.workspace.fs.stat(source).then(
    (stat) => (stat.type & vscode.FileType.Directory) !== 0,
    () => false,
  );
  try {
    return {
      dataset: isFolder ? await readDatasetFolder(source.fsPath) : await readPairsFile(source.fsPath),
      isFolder,
    };
  } catch (error) {
    const message =
      error instanceof DatasetError
        ? error.message
        : vscode.l10n.t(
            'Cannot read {0}: {1}',
            source.path.split('/').pop() ?? source.fsPath,
            error instanceof Error ? error.message : String(error),
          );
    void services.ui.showErrorMessage(vscode.l10n.t('BioPass ID: {0} Nothing was sent.', message));
    return undefined;
  }
}
