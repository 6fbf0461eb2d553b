import vscode = require('vscode');

import { OPERATIONS } from '../core/contract/operations';
import { pinnedOperation } from './requestDocuments';
import { isRequestDocument } from './requestFiles';
import type { RequestValidation } from './requestValidation';

/**
 * `Send as Enroll | Verify | Update | Delete` above the envelope key of a request (or the one
 * operation the file pins; `Check Liveness`, `Detect Faces`, … for the other envelopes).
 */
export class SendCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly validation: RequestValidation) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRequestDocument(document)) return [];
    const result = this.validation.validate(document);
    const pinned = pinnedOperation(document);
    const operations = pinned ? [pinned] : result.operations;
    if (operations.length === 0) return [];
    const position = result.envelope ? envelopeKey(document, result.envelope) : new vscode.Position(0, 0);
    const range = new vscode.Range(position, position);
    return operations.map(
      (operation, index) =>
        new vscode.CodeLens(range, {
          title:
            index === 0
              ? vscode.l10n.t('$(play) Send as {0}', OPERATIONS[operation].title)
              : OPERATIONS[operation].title,
          tooltip: vscode.l10n.t(
            '{0} {1} to the current BioPass ID environment',
            OPERATIONS[operation].method,
            OPERATIONS[operation].path,
          ),
          command: 'biopassid.sendRequest',
          arguments: [document.uri, operation],
        }),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * Where the envelope key is, searched near the top line by line: `getText` of a range would copy
 * the lines holding base64 images, megabytes each, on every refresh of the lenses.
 */
function envelopeKey(document: vscode.TextDocument, envelope: string): vscode.Position {
  const key = `"${envelope}"`;
  for (let line = 0; line < Math.min(document.lineCount, 50); line++) {
    const character = document.lineAt(line).text.indexOf(key);
    if (character !== -1) return new vscode.Position(line, character);
  }
  return new vscode.Position(0, 0);
}
