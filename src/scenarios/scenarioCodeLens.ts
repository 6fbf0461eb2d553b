import vscode = require('vscode');

import { isScenarioDocument } from './scenarioDocuments';

/** `Run Scenario` above the `steps` of a scenario file (the top line when there is none). */
export class RunScenarioCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isScenarioDocument(document)) return [];
    let position = new vscode.Position(0, 0);
    for (let line = 0; line < Math.min(document.lineCount, 200); line++) {
      const character = document.lineAt(line).text.indexOf('"steps"');
      if (character !== -1) {
        position = new vscode.Position(line, character);
        break;
      }
    }
    const range = new vscode.Range(position, position);
    return [
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(play) Run Scenario'),
        tooltip: vscode.l10n.t(
          'Run this scenario against the current BioPass ID environment (results in the Testing view)',
        ),
        command: 'biopassid.runScenario',
        arguments: [document.uri],
      }),
    ];
  }
}
