import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { ESTIMATED_CALL_SECONDS } from '../core/contract/choices';
import { DatasetError } from '../core/eval/dataset';
import {
  listQualityImages,
  type QualitySummary,
  qualityCalls,
  qualityLines,
  runQuality,
  summariseQuality,
} from '../core/eval/quality';
import { buildQualityReport } from '../core/eval/qualityReport';
import { EvalAborted, estimateSeconds } from '../core/eval/run';
import { resolveTarget } from '../run/target';
import { ensureConsent } from './consent';
import { folderArgument, progressReporter } from './folderArgument';
import { showReport } from './reportPanel';
import { thumbnailsFrom } from './thumbnails';

const CHECK = 'Check Quality';

/**
 * Explorer -> BioPass ID -> Quality Report… on a folder: every face gets face detection and the
 * ICAO check, every fingerprint NFIQ; consent, confirmation and progress as for Evaluate Accuracy.
 */
export function qualityReport(services: ExtensionServices) {
  return async (argument?: unknown): Promise<QualitySummary | undefined> => {
    const folder = await folderArgument(services, argument, 'Quality Report: a folder of face or fingerprint images');
    if (!folder) return undefined;
    let images: Awaited<ReturnType<typeof listQualityImages>>;
    try {
      images = await listQualityImages(folder.fsPath);
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      void services.ui.showErrorMessage(`BioPass ID: ${error.message} Nothing was sent.`);
      return undefined;
    }
    const target = await resolveTarget(services, 'check_icao');
    if (!target) return undefined;
    if (!(await ensureConsent(services, folder.toString(), target.describe))) return undefined;
    const calls = qualityCalls(images);
    const concurrency = services.config.maxConcurrentRequests;
    const perCall = target.environment === 'sandbox' ? ESTIMATED_CALL_SECONDS.local : ESTIMATED_CALL_SECONDS.remote;
    const seconds = estimateSeconds(calls, concurrency, perCall);
    const answer = await services.ui.confirm(
      `Check the quality of ${images.length} images: up to ${calls} calls to ${target.describe}?`,
      `Face detection and ICAO for each face, NFIQ for each fingerprint; about ${Math.max(1, Math.round(seconds))} s at ${concurrency} at a time.`,
      CHECK,
    );
    if (answer !== CHECK) return undefined;
    const findings = await services.ui.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'BioPass ID: checking quality', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        try {
          return await runQuality(images, target.client, {
            concurrency,
            signal: controller.signal,
            onProgress: progressReporter(progress),
          });
        } catch (error) {
          if (!(error instanceof EvalAborted)) throw error;
          void services.ui.showErrorMessage(`BioPass ID: ${error.message}`, 'View Logs');
          return undefined;
        }
      },
    );
    if (!findings) return undefined;
    const summary = summariseQuality(findings);
    services.log.info(
      `Quality Report · ${folder.fsPath} · ${target.describe}\n${qualityLines(summary)
        .map((line) => `  ${line}`)
        .join('\n')}`,
    );
    const names = [...summary.detection.noFace, ...summary.detection.severalFaces];
    const thumbnails = await thumbnailsFrom(services, names, (name) => vscode.Uri.joinPath(folder, name).fsPath);
    const source = folder.path.split('/').pop() ?? folder.fsPath;
    showReport(
      services,
      `Quality: ${source}`,
      (nonce) => buildQualityReport(summary, { source, target: target.describe, nonce, thumbnails }),
      {
        fileHtml: buildQualityReport(summary, { source, target: target.describe }),
        suggestedName: `${source}-quality.html`,
        folder,
      },
    );
    return summary;
  };
}
