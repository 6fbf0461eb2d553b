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
    if (!entry) return 'This history entry no longer exists.';
    const block = this.history.logBlock(id);
    const header = `${entry.time}  ${OPERATIONS[entry.operation].title} on ${entry.environment}`;
    if (block) return `${header}\n${block}\n`;
    return [
      header,
      `  ${entry.verdict}`,
      `  CustomID: ${entry.customId ?? '-'}   source: ${entry.source ?? '-'}`,
      `  status: ${entry.status ?? '-'} (${entry.outcome})   latency: ${entry.latencyMs} ms   BioPassID: ${entry.bioPassId ?? '-'}`,
      '',
      '(The response itself is not kept between sessions: the history holds metadata only.)',
      '',
    ].join('\n');
  }
}
