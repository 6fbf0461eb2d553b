import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { curlToRequestFile } from '../core/curl/fromCurl';

/** The folder a pasted request goes to by default: the active file's, else the first workspace folder. */
function defaultFolder(services: ExtensionServices): vscode.Uri | undefined {
  const active = services.ui.activeTextEditor()?.document.uri;
  if (active?.scheme === 'file' || active?.scheme === 'vscode-remote') return vscode.Uri.joinPath(active, '..');
  return services.workspace.workspaceFolders()[0]?.uri;
}

async function exists(services: ExtensionServices, uri: vscode.Uri): Promise<boolean> {
  try {
    await services.workspace.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * `BioPass ID: Paste cURL as Request File`: the curl command on the clipboard becomes a request
 * file where the user saves it, its inline images files next to it; the key is never written.
 * Bad input is explained and nothing is written.
 */
export function pasteCurl(services: ExtensionServices) {
  return async (): Promise<vscode.Uri | undefined> => {
    const text = await services.workspace.readClipboard();
    const folder = defaultFolder(services);
    const result = await curlToRequestFile(text, {
      readDataFile: async (path) => {
        if (!folder) throw new Error(vscode.l10n.t('no folder is open to read it from'));
        return new TextDecoder().decode(await services.workspace.readFile(vscode.Uri.joinPath(folder, path)));
      },
    });
    if (!result.ok) {
      void services.ui.showErrorMessage(vscode.l10n.t('Paste cURL: {0} Nothing was written.', result.message));
      return undefined;
    }
    const { value } = result;
    const target = await services.ui.showSaveDialog({
      title: vscode.l10n.t('Save the {0} request file', value.operation),
      saveLabel: vscode.l10n.t('Save Request File'),
      filters: { [vscode.l10n.t('BioPass ID request')]: ['json'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, value.fileName) } : {}),
    });
    if (!target) return undefined;
    const beside = vscode.Uri.joinPath(target, '..');
    for (const image of value.images) {
      if (await exists(services, vscode.Uri.joinPath(beside, image.fileName))) {
        void services.ui.showErrorMessage(
          vscode.l10n.t('Paste cURL: {0} already exists next to the request. Nothing was written.', image.fileName),
        );
        return undefined;
      }
    }
    for (const image of value.images)
      await services.workspace.writeFile(vscode.Uri.joinPath(beside, image.fileName), image.bytes);
    await services.workspace.writeFile(target, new TextEncoder().encode(value.text));
    await services.ui.showTextDocument(await services.workspace.openTextDocument(target));
    services.log.info(`Paste cURL: wrote ${target.toString(true)} (${value.operation}); ${value.notes.join(' ')}`);
    const message = vscode.l10n.t('Request file for {0} written. {1}', value.operation, value.notes.join(' '));
    const USE_CUSTOM = vscode.l10n.t('Use as Custom Environment');
    const { environment } = value;
    if (environment.id !== 'custom') {
      void services.ui.showInformationMessage(message);
      return target;
    }
    // A host other than homologation and production: offer it as the custom environment.
    if ((await services.ui.showInformationMessage(message, USE_CUSTOM)) === USE_CUSTOM) {
      await services.config.setCustomBaseUrl(environment.baseUrl);
      await services.config.setEnvironment('custom');
    }
    return target;
  };
}
