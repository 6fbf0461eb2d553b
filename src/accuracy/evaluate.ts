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
const EVALUATE = 'Evaluate';

/**
 * Explorer -> BioPass ID -> Evaluate Accuracy… on a folder of FOLDER/<person>/<image>: consent
 * (once per folder), the number of calls and an estimate to confirm, a cancellable progress,
 * then the report in a webview. Scores are journaled in the folder, as the CLI does, so a
 * cancelled run resumes where it stopped.
 */
export function evaluateAccuracy(services: ExtensionServices) {
  return async (argument?: unknown): Promise<EvalSummary | undefined> => {
    const folder = await folderArgument(services, argument, 'Evaluate Accuracy: a folder of one subfolder per person');
    if (!folder) return undefined;
    let dataset: Awaited<ReturnType<typeof readDatasetFolder>>;
    try {
      dataset = await readDatasetFolder(folder.fsPath);
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      void services.ui.showErrorMessage(`BioPass ID: ${error.message} Nothing was sent.`);
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
    const answer = await services.ui.confirm(
      `Evaluate accuracy on ${dataset.images.length} images: ${calls.total} calls to ${target.describe}?`,
      `${calls.extract} extract and ${calls.match} match calls (${plan.pairs.length} comparisons, ${plan.known.size} scores already in the journal), about ${Math.max(1, Math.round(seconds))} s at ${concurrency} at a time.`,
      EVALUATE,
    );
    if (answer !== EVALUATE) return undefined;
    const scores = await services.ui.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'BioPass ID: evaluating accuracy', cancellable: true },
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
            `BioPass ID: ${error.message} The scores so far are kept: run it again to resume.`,
            'View Logs',
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
      `Accuracy: ${source}`,
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
