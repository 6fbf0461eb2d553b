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

/**
 * Explorer -> BioPass ID -> Quality Report… on a folder: every face gets face detection and the
 * ICAO check, every fingerprint NFIQ; consent, confirmation and progress as for Evaluate Accuracy.
 */
export function qualityReport(services: ExtensionServices) {
  return async (argument?: unknown): Promise<QualitySummary | undefined> => {
    const folder = await folderArgument(
      services,
      argument,
      vscode.l10n.t('Quality Report: a folder of face or fingerprint images'),
    );
    if (!folder) return undefined;
    let images: Awaited<ReturnType<typeof listQualityImages>>;
    try {
      images = await listQualityImages(folder.fsPath);
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      void services.ui.showErrorMessage(vscode.l10n.t('BioPass ID: {0} Nothing was sent.', error.message));
      return undefined;
    }
    const target = await resolveTarget(services, 'check_icao');
    if (!target) return undefined;
    if (!(await ensureConsent(services, folder.toString(), target.describe))) return undefined;
    const calls = qualityCalls(images);
    const concurrency = services.config.maxConcurrentRequests;
    const perCall = target.environment === 'sandbox' ? ESTIMATED_CALL_SECONDS.local : ESTIMATED_CALL_SECONDS.remote;
    const seconds = estimateSeconds(calls, concurrency, perCall);
    const CHECK = vscode.l10n.t('Check Quality');
    const answer = await services.ui.confirm(
      vscode.l10n.t('Check the quality of {0} images: up to {1} calls to {2}?', images.length, calls, target.describe),
      vscode.l10n.t(
        'Face detection and ICAO for each face, NFIQ for each fingerprint; about {0} s at {1} at a time.',
        Math.max(1, Math.round(seconds)),
        concurrency,
      ),
      CHECK,
    );
    if (answer !== CHECK) return undefined;
    const findings = await services.ui.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('BioPass ID: checking quality'),
        cancellable: true,
      },
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
          void services.ui.showErrorMessage(
            vscode.l10n.t('BioPass ID: {0}', error.message),
            vscode.l10n.t('View Logs'),
          );
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
      vscode.l10n.t('Quality: {0}', source),
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
