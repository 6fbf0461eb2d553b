import vscode = require('vscode');

import { isScenarioFileName, SCENARIO_SCHEMA_URI, SCENARIO_SUFFIX } from '../core/scenario/fileSuffix';

/** Scenario files: `*.biopass-test.json`, in JSON or JSONC mode. */
export const SCENARIO_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: `**/*${SCENARIO_SUFFIX}` },
  { language: 'jsonc', pattern: `**/*${SCENARIO_SUFFIX}` },
];

export function isScenarioDocument(document: vscode.TextDocument): boolean {
  return (
    (document.languageId === 'json' || document.languageId === 'jsonc') &&
    (isScenarioFileName(document.uri.path) || document.getText().slice(0, 4096).includes(SCENARIO_SCHEMA_URI))
  );
}

/** The folder a scenario's files must stay inside: its workspace folder, else its own folder. */
export function scenarioRoot(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? folder.uri.fsPath : vscode.Uri.joinPath(uri, '..').fsPath;
}

/** A core location (0-based line and character, offset and length) as a VS Code range. */
export function toRange(
  document: vscode.TextDocument | undefined,
  location: { line: number; character: number; offset: number; length: number },
): vscode.Range {
  if (document)
    return new vscode.Range(
      document.positionAt(location.offset),
      document.positionAt(location.offset + location.length),
    );
  const start = new vscode.Position(location.line, location.character);
  return new vscode.Range(start, start.translate(0, location.length));
}
