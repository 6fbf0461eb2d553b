import vscode = require('vscode');

import { OPERATIONS } from '../core/contract/operations';
import { isRequestDocument, pinnedOperation } from './requestDocuments';
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
    // The envelope key sits near the top: search only the head of a possibly huge document.
    const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 50), 0));
    const at = result.envelope ? head.indexOf(`"${result.envelope}"`) : -1;
    const position = document.positionAt(Math.max(0, at));
    const range = new vscode.Range(position, position);
    return operations.map(
      (operation, index) =>
        new vscode.CodeLens(range, {
          title: `${index === 0 ? '$(play) Send as ' : ''}${OPERATIONS[operation].title}`,
          tooltip: `${OPERATIONS[operation].method} ${OPERATIONS[operation].path} to the current BioPass ID environment`,
          command: 'biopassid.sendRequest',
          arguments: [document.uri, operation],
        }),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}
