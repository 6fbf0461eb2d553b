import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATIONS } from '../core/contract/operations';
import { isNegativeAnswer } from '../core/verdict';
import { promptForKey } from '../ui/keyPrompt';
import type { CallResult } from './call';

/** The notification buttons, in the display language (read when shown, not when the module loads). */
function labels() {
  return {
    VIEW_LOGS: vscode.l10n.t('View Logs'),
    SET_KEY: vscode.l10n.t('Set API Key'),
    RETRY: vscode.l10n.t('Retry'),
    OPEN_IMAGE: vscode.l10n.t('Open Image'),
  };
}

/**
 * Tells the user how one call ended: the verdict, or what went wrong with the actions that
 * help (Set API Key on a 401, Retry when re-sending is safe, View Logs). A returned image opens
 * in an editor tab. Notifications are not awaited: the command finishes while they are shown.
 */
export function notifyResult(services: ExtensionServices, result: CallResult, retry: () => void): void {
  const { outcome } = result;
  const { VIEW_LOGS, SET_KEY, RETRY, OPEN_IMAGE } = labels();
  // The result panel shows the whole answer; cancelled calls open nothing.
  const cancelled = outcome.kind === 'network-error' && outcome.cause === 'aborted';
  if (services.config.openResultPanel && !cancelled) services.panels.showResult(result, retry);
  if (outcome.kind === 'success') {
    if (result.resultImage) void services.workspace.executeCommand('vscode.open', result.resultImage);
    const actions = result.resultImage ? [OPEN_IMAGE, VIEW_LOGS] : [VIEW_LOGS];
    // A negative answer (no match, a spoof) is a success of the call, but not news to skim past.
    const show =
      result.outcome.kind === 'success' && isNegativeAnswer(result.call.operation, result.outcome.body)
        ? services.ui.showWarningMessage
        : services.ui.showInformationMessage;
    void show.call(services.ui, result.headline, ...actions).then((choice) => {
      if (choice === VIEW_LOGS) services.log.show();
      if (choice === OPEN_IMAGE && result.resultImage)
        void services.workspace.executeCommand('vscode.open', result.resultImage);
    });
    return;
  }
  // The user cancelled: they know, and the log has the block.
  if (outcome.kind === 'network-error' && outcome.cause === 'aborted') return;
  const keyProblem =
    outcome.kind === 'gateway-error' && (outcome.reason === 'missing-key' || outcome.reason === 'invalid-key');
  const actions = [...(keyProblem ? [SET_KEY] : []), ...(outcome.retryable ? [RETRY] : []), VIEW_LOGS];
  void services.ui
    .showErrorMessage(vscode.l10n.t('{0} {1}', asSentence(outcome.summary), outcome.nextStep), ...actions)
    .then(async (choice) => {
      if (choice === VIEW_LOGS) services.log.show();
      if (choice === RETRY) retry();
      if (choice === SET_KEY && (await promptForKey(services, services.config.environment))) retry();
    });
}

/** The end of a multi-image run: n ok / n failed, the failures listed. */
export function notifySummary(services: ExtensionServices, results: readonly (CallResult | undefined)[]): void {
  const cancelled = (result: CallResult) =>
    result.outcome.kind === 'network-error' && result.outcome.cause === 'aborted';
  const done = results.filter((result): result is CallResult => result !== undefined && !cancelled(result));
  const failed = done.filter((result) => result.outcome.kind !== 'success');
  // Calls never started and calls cancelled in flight: neither failed on their own.
  const skipped = results.length - done.length;
  const operation = results.find((result) => result !== undefined)?.call.operation;
  const { VIEW_LOGS } = labels();
  const title = operation ? OPERATIONS[operation].title : 'BioPass ID';
  const ok = done.length - failed.length;
  const counts = `${ok} ok, ${failed.length} failed${skipped > 0 ? `, ${skipped} cancelled` : ''}`;
  const failures = failed.map((result) => `${result.call.source ?? result.call.customId ?? '?'}: ${result.headline}`);
  services.log.info(`${title} run: ${counts}${failures.length > 0 ? `\n  ${failures.join('\n  ')}` : ''}`);
  const shownCounts =
    skipped > 0
      ? vscode.l10n.t('{0} ok, {1} failed, {2} cancelled', ok, failed.length, skipped)
      : vscode.l10n.t('{0} ok, {1} failed', ok, failed.length);
  const listed = `${failures.slice(0, 3).join('; ')}${failures.length > 3 ? '; …' : ''}`;
  const message =
    failures.length > 0
      ? vscode.l10n.t('{0}: {1}. Failed: {2}', title, shownCounts, listed)
      : vscode.l10n.t('{0}: {1}.', title, shownCounts);
  if (services.config.openResultPanel && done.length > 0) services.panels.showBatch(results);
  const show = failed.length > 0 ? services.ui.showWarningMessage : services.ui.showInformationMessage;
  void show.call(services.ui, message, VIEW_LOGS).then((choice) => {
    if (choice === VIEW_LOGS) services.log.show();
  });
}

function asSentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
