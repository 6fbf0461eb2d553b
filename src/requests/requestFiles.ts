import vscode = require('vscode');

import { isRequestFileName } from '../core/request/fileSuffix';

/*
 * Recognising request documents and serving the shipped schemas: all the activation bundle
 * (src/extension.ts) needs of the request features, without the contract or the validator.
 */

/** The scheme our schemas are served under, so `"$schema": "biopassid-schema:/request.schema.json"` works. */
export const SCHEMA_SCHEME = 'biopassid-schema';

// Only the start of a document is searched for `$schema`: requests can be tens of MB.
const SCHEMA_REFERENCE = /"\$schema"\s*:\s*"biopassid-schema:\/(?:operations\/([a-z_]+)|request)\.schema\.json"/;
const HEAD_LINES = 200;
const HEAD_LENGTH = 4096;

/**
 * The start of a document, its lines joined by "\n", read line by line: `getText(range)` joins
 * every line the range spans into a new string, and the few lines of a request holding base64
 * images hold megabytes, so that would copy the whole document on every check.
 */
function documentHead(document: vscode.TextDocument): string {
  const lines: string[] = [];
  let length = 0;
  for (let line = 0; line < Math.min(document.lineCount, HEAD_LINES) && length < HEAD_LENGTH; line++) {
    const text = document.lineAt(line).text.slice(0, HEAD_LENGTH - length);
    lines.push(text);
    length += text.length + 1;
  }
  return lines.join('\n');
}

export function schemaReference(document: vscode.TextDocument): RegExpExecArray | null {
  return SCHEMA_REFERENCE.exec(documentHead(document));
}

/** A BioPass ID request: `*.biopass.json`, or a JSON file whose `$schema` names one of ours. */
export function isRequestDocument(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'json' && document.languageId !== 'jsonc') return false;
  return isRequestFileName(document.uri.path) || schemaReference(document) !== null;
}

/** Serves the shipped schemas under SCHEMA_SCHEME for `$schema` references. */
export class SchemaDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const path = uri.path.replace(/^\/+/, '');
    if (!/^(operations\/[a-z_]+|request|scenario)\.schema\.json$/.test(path)) return '{}';
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'schemas', path));
    return new TextDecoder().decode(bytes);
  }
}
