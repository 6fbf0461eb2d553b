import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATION_IDS, OPERATIONS, type OperationId } from '../core/contract/operations';
import { SNIPPET_BODIES, snippetText } from '../core/contract/snippets';
import { REQUEST_FILE_SUFFIX } from '../core/request/fileSuffix';

/**
 * `BioPass ID: New Request…`: pick an operation, get an untitled `<name>.<operation>.biopass.json`
 * in the workspace folder, filled from the operation's snippet (tab through the placeholders).
 */
export function newRequest(services: ExtensionServices) {
  return async (operationArgument?: unknown): Promise<vscode.TextEditor | undefined> => {
    let operation = OPERATION_IDS.find((id) => id === operationArgument);
    if (!operation) {
      const picked = await services.ui.showQuickPick(
        OPERATION_IDS.map((id) => ({
          label: OPERATIONS[id].title,
          description: `${OPERATIONS[id].method} ${OPERATIONS[id].path}`,
          id,
        })),
        { title: vscode.l10n.t('New BioPass ID request') },
      );
      operation = picked?.id;
    }
    if (!operation) return undefined;
    const folder = services.workspace.workspaceFolders()[0]?.uri;
    const uri = freeUntitledUri(services, folder, operation);
    const document = await services.workspace.openTextDocument(uri);
    const editor = await services.ui.showTextDocument(document);
    if (document.languageId !== 'json') await services.workspace.setTextDocumentLanguage(document, 'json');
    await editor.insertSnippet(new vscode.SnippetString(snippetText(SNIPPET_BODIES[operation])));
    return editor;
  };
}

function freeUntitledUri(
  services: ExtensionServices,
  folder: vscode.Uri | undefined,
  operation: OperationId,
): vscode.Uri {
  const taken = new Set(services.workspace.textDocuments().map((document) => document.uri.path));
  for (let n = 1; ; n++) {
    const name = `request-${n}.${operation}${REQUEST_FILE_SUFFIX}`;
    const uri = folder
      ? vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' })
      : vscode.Uri.parse(`untitled:${name}`);
    if (!taken.has(uri.path)) return uri;
  }
}
