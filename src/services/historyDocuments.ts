import vscode = require('vscode');

import { OPERATIONS } from '../core/contract/operations';
import type { RequestHistory } from './history';

import { HISTORY_SCHEME } from './historyScheme';

export { HISTORY_SCHEME } from './historyScheme';

export function historyEntryUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${id}.log` });
}

/**
 * Read-only documents for history entries: the request's log block when it ran in this session,
 * otherwise the metadata the history keeps.
 */
export class HistoryDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly history: RequestHistory) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.replace(/^\//, '').replace(/\.log$/, '');
    const entry = this.history.find(id);
    if (!entry) return vscode.l10n.t('This history entry no longer exists.');
    const block = this.history.logBlock(id);
    const header = `${entry.time}  ${vscode.l10n.t('{0} on {1}', OPERATIONS[entry.operation].title, entry.environment)}`;
    if (block) return `${header}\n${block}\n`;
    return [
      header,
      `  ${entry.verdict}`,
      `  ${vscode.l10n.t('CustomID: {0}   source: {1}', entry.customId ?? '-', entry.source ?? '-')}`,
      `  ${vscode.l10n.t(
        'status: {0} ({1})   latency: {2} ms   BioPassID: {3}',
        entry.status ?? '-',
        entry.outcome,
        entry.latencyMs,
        entry.bioPassId ?? '-',
      )}`,
      '',
      vscode.l10n.t('(The response itself is not kept between sessions: the history holds metadata only.)'),
      '',
    ].join('\n');
  }
}
