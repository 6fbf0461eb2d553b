import vscode = require('vscode');

import type { ExtensionServices } from '../context';

/** Runs a scenario file (the Run CodeLens; from the palette, the one in the active editor). */
export function runScenario(services: ExtensionServices) {
  return async (uri?: unknown): Promise<void> => {
    const target = (uri as { fsPath?: string } | undefined)?.fsPath
      ? uri
      : services.ui.activeTextEditor()?.document.uri;
    if (!target) {
      void services.ui.showInformationMessage(vscode.l10n.t('Open a scenario file (*.biopass-test.json) to run it.'));
      return;
    }
    await services.scenarios.runFile(target as Parameters<typeof services.scenarios.runFile>[0]);
  };
}
