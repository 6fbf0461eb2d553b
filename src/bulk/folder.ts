import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { editorSummaryMessage, failureRows, failuresOf } from '../core/bulk/editorSummary';
import { progressLine } from '../core/bulk/progress';
import type { BulkOperation } from '../core/bulk/records';
import { runBulk } from '../core/bulk/runner';
import { resolveTarget } from '../run/target';

/** The progress title of a run on `name`. */
function runTitle(operation: BulkOperation, name: string): string {
  if (operation === 'enroll') return vscode.l10n.t('BioPass ID: Enroll {0}', name);
  if (operation === 'update') return vscode.l10n.t('BioPass ID: Update {0}', name);
  return vscode.l10n.t('BioPass ID: Delete {0}', name);
}

/** The title of the failures pick of a run on `name`. */
function failuresTitle(operation: BulkOperation, name: string, count: number): string {
  if (operation === 'enroll') return vscode.l10n.t('Enroll {0}: {1} to look at', name, count);
  if (operation === 'update') return vscode.l10n.t('Update {0}: {1} to look at', name, count);
  return vscode.l10n.t('Delete {0}: {1} to look at', name, count);
}

/**
 * Where an editor run keeps its journal: the extension's global storage, one file per operation,
 * source and base URL, so running the same command on the same folder again resumes it.
 */
export function editorJournalPath(storage: string, operation: BulkOperation, source: string, baseUrl: string): string {
  const id = createHash('sha256').update(`${operation}\n${source}\n${baseUrl}`).digest('hex').slice(0, 16);
  return join(storage, 'bulk', `${operation}-${basename(source).replace(/[^\w.-]+/g, '-')}-${id}.jsonl`);
}

/** The folder or CSV a command was run on: the Explorer's resource, else one the user picks. */
async function sourceOf(services: ExtensionServices, resource: unknown): Promise<string | undefined> {
  if (resource instanceof vscode.Uri && resource.scheme === 'file') return resource.fsPath;
  const picked = await services.ui.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    filters: { [vscode.l10n.t('Folder or CSV list')]: ['csv'] },
    openLabel: vscode.l10n.t('Choose'),
  });
  return picked?.[0]?.fsPath;
}

/** Explorer -> BioPass ID -> Enroll Folder… / Update Folder… / Delete Folder…: the CLI's bulk runner with progress. */
export function bulkFolder(operation: BulkOperation) {
  return (services: ExtensionServices) => async (resource?: unknown) => {
    const source = await sourceOf(services, resource);
    if (source === undefined) return undefined;
    const name = basename(source);
    const target = await resolveTarget(services, operation, [vscode.l10n.t('everyone in {0}', name)]);
    if (!target) return undefined;
    if (operation !== 'enroll' && target.environment !== 'production') {
      const verb = operation === 'delete' ? vscode.l10n.t('Delete') : vscode.l10n.t('Update');
      const answer = await services.ui.confirm(
        operation === 'delete'
          ? vscode.l10n.t('Delete every person in {0} on {1}?', name, target.environment)
          : vscode.l10n.t('Update every person in {0} on {1}?', name, target.environment),
        operation === 'delete'
          ? vscode.l10n.t('BioPass ID removes the biometric templates stored under each CustomID.')
          : vscode.l10n.t('BioPass ID replaces the biometrics stored under each CustomID with these images.'),
        verb,
      );
      if (answer !== verb) return undefined;
    }
    const storage = services.extensionContext.globalStorageUri.fsPath;
    mkdirSync(join(storage, 'bulk'), { recursive: true });
    const journal = editorJournalPath(storage, operation, source, target.baseUrl);

    const SHOW_FAILURES = vscode.l10n.t('Show Failures');
    const RETRY_FAILED = vscode.l10n.t('Retry Failed');
    const VIEW_LOGS = vscode.l10n.t('View Logs');
    const run = async () => {
      const summary = await services.ui.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: runTitle(operation, name),
          cancellable: true,
        },
        async (progress, token) => {
          const controller = new AbortController();
          const cancellation = token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          try {
            return await runBulk({
              command: operation,
              source,
              journal,
              connection: { baseUrl: target.baseUrl, client: (sleep) => target.connect(sleep) },
              concurrency: services.config.maxConcurrentRequests,
              maxImageBytes: services.config.maxImageBytes,
              signal: controller.signal,
              onProgress: (state) => {
                const share = state.total > 0 ? (100 * state.done) / state.total : 100;
                progress.report({ message: progressLine(state), increment: share - reported });
                reported = share;
              },
            });
          } finally {
            cancellation.dispose();
          }
        },
      );
      const failures = failuresOf(summary);
      const rows = failureRows(summary);
      services.log.info(
        [
          `${editorSummaryMessage(summary, name, target.describe)} Journal: ${journal}`,
          ...rows.map((row) => `  ${row.label}: ${row.description} ${row.detail}`),
        ].join('\n'),
      );
      const message = editorSummaryMessage(summary, name, target.environment);
      const clean = rows.length === 0 && (summary.end === 'done' || summary.end === 'dry-run');
      const actions = [
        ...(rows.length > 0 ? [SHOW_FAILURES] : []),
        ...(failures.length > 0 && summary.end !== 'invalid' && summary.end !== 'refused' ? [RETRY_FAILED] : []),
        VIEW_LOGS,
      ];
      const show = clean ? services.ui.showInformationMessage : services.ui.showWarningMessage;
      const choice = await show.call(services.ui, message, ...actions);
      if (choice === VIEW_LOGS) services.log.show();
      if (choice === SHOW_FAILURES) {
        const picked = await services.ui.showQuickPick(
          [
            ...rows,
            {
              label: RETRY_FAILED,
              description: '',
              detail: vscode.l10n.t('Run again with the same journal: done persons are skipped'),
            },
          ],
          {
            title: failuresTitle(operation, name, rows.length),
            matchOnDescription: true,
            matchOnDetail: true,
          },
        );
        if (picked?.label === RETRY_FAILED) return run();
      }
      // The same journal: confirmed persons are skipped, failed and unanswered ones sent (or verified) again.
      if (choice === RETRY_FAILED) return run();
      return summary;
    };
    return run();
  };
}
