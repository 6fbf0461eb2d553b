import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { ESTIMATED_CALL_SECONDS } from '../core/contract/choices';
import { DatasetError, readDatasetFolder } from '../core/eval/dataset';
import { buildEvalReport } from '../core/eval/evalReport';
import { EvalAborted, estimateSeconds, planEvaluation, plannedCalls, runEvaluation } from '../core/eval/run';
import { type EvalSummary, summarise, summaryLines } from '../core/eval/summary';
import { resolveTarget } from '../run/target';
import { ensureConsent } from './consent';
import { folderArgument, progressReporter } from './folderArgument';
import { showReport } from './reportPanel';
import { thumbnailsFrom } from './thumbnails';

export const EVAL_JOURNAL_NAME = '.biopassid-eval.jsonl';

/**
 * Explorer -> BioPass ID -> Evaluate Accuracy… on a folder of FOLDER/<person>/<image>: consent
 * (once per folder), the number of calls and an estimate to confirm, a cancellable progress,
 * then the report in a webview. Scores are journaled in the folder, as the CLI does, so a
 * cancelled run resumes where it stopped.
 */
export function evaluateAccuracy(services: ExtensionServices) {
  return async (argument?: unknown): Promise<EvalSummary | undefined> => {
    const folder = await folderArgument(
      services,
      argument,
      vscode.l10n.t('Evaluate Accuracy: a folder of one subfolder per person'),
    );
    if (!folder) return undefined;
    let dataset: Awaited<ReturnType<typeof readDatasetFolder>>;
    try {
      dataset = await readDatasetFolder(folder.fsPath);
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      void services.ui.showErrorMessage(vscode.l10n.t('BioPass ID: {0} Nothing was sent.', error.message));
      return undefined;
    }
    const target = await resolveTarget(services, 'match');
    if (!target) return undefined;
    if (!(await ensureConsent(services, folder.toString(), target.describe))) return undefined;
    const plan = await planEvaluation(dataset, {
      journal: vscode.Uri.joinPath(folder, EVAL_JOURNAL_NAME).fsPath,
      target: target.baseUrl,
      maxImageBytes: services.config.maxImageBytes,
    });
    const calls = plannedCalls(plan);
    const concurrency = services.config.maxConcurrentRequests;
    const perCall = target.environment === 'sandbox' ? ESTIMATED_CALL_SECONDS.local : ESTIMATED_CALL_SECONDS.remote;
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
          services.log.warn(`Evaluate Accuracy · ${folder.fsPath} · ${target.describe}\n  ${error.message}`);
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
      `Evaluate Accuracy · ${folder.fsPath} · ${target.describe}\n${summaryLines(summary)
        .map((line) => `  ${line}`)
        .join('\n')}`,
    );
    const byName = new Map(dataset.images.map((image) => [image.name, image.path]));
    const names = [...summary.worstGenuine, ...summary.worstImpostor].flatMap((pair) => [pair.a, pair.b]);
    const thumbnails = await thumbnailsFrom(services, names, (name) => byName.get(name));
    const source = folder.path.split('/').pop() ?? folder.fsPath;
    showReport(
      services,
      vscode.l10n.t('Accuracy: {0}', source),
      (nonce) => buildEvalReport(summary, { source, target: target.describe, nonce, thumbnails }),
      {
        fileHtml: buildEvalReport(summary, { source, target: target.describe }),
        suggestedName: `${source}-accuracy.html`,
        folder,
      },
    );
    return summary;
  };
}
