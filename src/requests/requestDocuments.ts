import vscode = require('vscode');

import { isOperationId, type OperationId } from '../core/contract/operations';
import { isRequestFileName, operationFromFileName } from '../core/request/fileName';

/** The scheme our schemas are served under, so `"$schema": "biopassid-schema:/request.schema.json"` works. */
export const SCHEMA_SCHEME = 'biopassid-schema';

// Only the start of a document is searched for `$schema`: requests can be tens of MB.
const SCHEMA_REFERENCE = /"\$schema"\s*:\s*"biopassid-schema:\/(?:operations\/([a-z_]+)|request)\.schema\.json"/;
const HEAD_LENGTH = 4096;

function schemaReference(document: vscode.TextDocument): RegExpExecArray | null {
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 200), 0)).slice(0, HEAD_LENGTH);
  return SCHEMA_REFERENCE.exec(head);
}

/** A BioPass ID request: `*.biopass.json`, or a JSON file whose `$schema` names one of ours. */
export function isRequestDocument(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return false;
  return isRequestFileName(document.uri.path) || schemaReference(document) !== null;
}

/** The operation a request document pins by its name (`alice.enroll.biopass.json`) or `$schema`. */
export function pinnedOperation(document: vscode.TextDocument): OperationId | undefined {
  const fromName = operationFromFileName(document.uri.path);
  if (fromName) return fromName;
  const fromSchema = schemaReference(document)?.[1];
  return isOperationId(fromSchema) ? fromSchema : undefined;
}

export const REQUEST_SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];

/** Serves the shipped schemas under SCHEMA_SCHEME for `$schema` references. */
export class SchemaDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const path = uri.path.replace(/^\/+/, '');
    if (!/^(operations\/[a-z_]+|request)\.schema\.json$/.test(path)) return '{}';
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'schemas', path));
    return new TextDecoder().decode(bytes);
  }
}
