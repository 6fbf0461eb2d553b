import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { activeReport } from './reportPanel';

/**
 * Save Report… (the report's title bar): the report as one self-contained HTML file, the same
 * page builder's output with no images in it.
 */
export function saveReport(services: ExtensionServices) {
  return async (): Promise<vscode.Uri | undefined> => {
    const report = activeReport();
    if (!report) {
      void services.ui.showInformationMessage(
        vscode.l10n.t('BioPass ID: no report is open. Run Evaluate Accuracy… or Quality Report… on a folder first.'),
      );
      return undefined;
    }
    const uri = await services.ui.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(report.folder, '..', report.suggestedName),
      filters: { HTML: ['html'] },
      title: vscode.l10n.t('Save Report'),
    });
    if (!uri) return undefined;
    await services.workspace.writeFile(uri, Buffer.from(report.fileHtml, 'utf8'));
    void services.ui.showInformationMessage(vscode.l10n.t('BioPass ID: report saved to {0}', uri.fsPath));
    return uri;
  };
}
