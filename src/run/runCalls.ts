import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { runBatch } from '../core/batch';
import { OPERATIONS, type OperationId } from '../core/contract/operations';
import { type CallResult, type PreparedCall, sendCall } from './call';
import { notifyResult, notifySummary } from './notify';
import { resolveTarget, type Target } from './target';

/**
 * Sends prepared calls of one operation: resolves the target once, shows one cancellable
 * progress notification (cancel aborts what is in flight and sends nothing more), keeps at most
 * `biopassid.maxConcurrentRequests` in flight, then notifies: the verdict for one call, a summary
 * for several. Returns undefined entries for calls never sent.
 */
export async function runCalls(
  services: ExtensionServices,
  operation: OperationId,
  calls: readonly PreparedCall[],
  options: { confirm?: (target: Target) => Thenable<boolean> } = {},
): Promise<(CallResult | undefined)[]> {
  if (calls.length === 0) return [];
  const customIds = calls.map((call) => call.customId).filter((id): id is string => id !== undefined);
  const target = await resolveTarget(services, operation, customIds);
  if (!target) return [];
  // Asked once the target is known, so the question names where the request really goes.
  if (options.confirm && !(await options.confirm(target))) return [];
  const title = OPERATIONS[operation].title;
  const results = await services.ui.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title:
        calls.length > 1
          ? vscode.l10n.t('BioPass ID: {0} {1} images on {2}', title, calls.length, target.environment)
          : vscode.l10n.t('BioPass ID: {0} on {1}', title, target.environment),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const cancellation = token.onCancellationRequested(() => controller.abort());
      try {
        const settled = await runBatch(calls, (call) => sendCall(services, target, call, controller.signal), {
          concurrency: calls.length > 1 ? services.config.maxConcurrentRequests : 1,
          signal: controller.signal,
          onSettled: (count) => progress.report({ message: `${count}/${calls.length}`, increment: 100 / calls.length }),
        });
        return settled.map((result) => (result.status === 'done' ? result.value : undefined));
      } finally {
        cancellation.dispose();
      }
    },
  );
  const retry = () => void runCalls(services, operation, calls, options);
  const only = results[0];
  if (calls.length === 1 && only) notifyResult(services, only, retry);
  else if (calls.length > 1) notifySummary(services, results);
  return results;
}
