import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATIONS } from '../core/contract/operations';
import { historyEntryUri } from '../services/historyDocuments';

/** `BioPass ID: Show History`: newest first; picking one re-opens its log entry. */
export function showHistory(services: ExtensionServices) {
  return async (): Promise<void> => {
    const entries = services.history.entries();
    if (entries.length === 0) {
      void services.ui.showInformationMessage(vscode.l10n.t('The BioPass ID history is empty.'));
      return;
    }
    const picked = await services.ui.showQuickPick(
      entries.map((entry) => ({
        label: `${entry.outcome === 'success' ? '$(check)' : '$(error)'} ${OPERATIONS[entry.operation].title}${entry.customId ? ` · ${entry.customId}` : ''}`,
        description: `${entry.environment} · ${entry.status ?? vscode.l10n.t('no status')} · ${entry.latencyMs} ms${entry.bioPassId ? ` · BioPassID ${entry.bioPassId}` : ''}`,
        detail: `${new Date(entry.time).toLocaleString()} · ${entry.verdict}`,
        id: entry.id,
      })),
      { title: vscode.l10n.t('BioPass ID history'), matchOnDescription: true, matchOnDetail: true },
    );
    if (picked) await services.workspace.executeCommand('biopassid.openHistoryEntry', picked.id);
  };
}

/** Opens one history entry as a read-only document (context-only command). */
export function openHistoryEntry(services: ExtensionServices) {
  return async (id: unknown): Promise<vscode.TextDocument | undefined> => {
    if (typeof id !== 'string' || !services.history.find(id)) return undefined;
    const document = await services.workspace.openTextDocument(historyEntryUri(id));
    await services.ui.showTextDocument(document, { preview: true });
    return document;
  };
}

/** `BioPass ID: Clear History`. */
export function clearHistory(services: ExtensionServices) {
  return async (): Promise<void> => {
    await services.history.clear();
    void services.ui.showInformationMessage(vscode.l10n.t('BioPass ID history cleared.'));
  };
}
