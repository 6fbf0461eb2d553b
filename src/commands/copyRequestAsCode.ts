import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { CODE_LANGUAGE_INFO, CODE_LANGUAGES, type CodeLanguage, requestAsCode } from '../core/codegen';
import { OPERATIONS, type OperationId } from '../core/contract/operations';
import { FIXED_BASE_URLS, resolveBaseUrl } from '../core/environments';
import { pinnedOperation } from '../requests/requestDocuments';
import { isRequestDocument } from '../requests/requestFiles';

/**
 * `BioPass ID: Copy Request as Code`: the open request as Python `http.client` (as in the
 * vendor's getting-started guide), curl or TypeScript `fetch`, on the clipboard. The key is read
 * from BIOPASSID_API_KEY by the code, never pasted; images are read from files when it runs.
 */
export function copyRequestAsCode(services: ExtensionServices) {
  return async (languageArgument?: unknown): Promise<string | undefined> => {
    const document = services.ui.activeTextEditor()?.document;
    if (!document || !isRequestDocument(document)) {
      void services.ui.showWarningMessage(
        vscode.l10n.t('Open a BioPass ID request file (*.biopass.json) to copy it as code.'),
      );
      return undefined;
    }
    const result = services.validation.validate(document);
    const operation: OperationId | undefined = pinnedOperation(document) ?? result.operations[0];
    if (!operation) {
      void services.ui.showErrorMessage(
        vscode.l10n.t('This file has no BioPass ID envelope (Person, Check, Spoof, …) to copy.'),
      );
      return undefined;
    }
    let language = CODE_LANGUAGES.find((candidate) => candidate === languageArgument);
    if (!language) {
      const picked = await services.ui.showQuickPick(
        CODE_LANGUAGES.map((id) => ({ label: CODE_LANGUAGE_INFO[id].label, id })),
        { title: vscode.l10n.t('Copy {0} request as…', OPERATIONS[operation].title) },
      );
      language = picked?.id as CodeLanguage | undefined;
    }
    if (!language) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(document.getText().replace(/^\uFEFF/, ''));
    } catch {
      void services.ui.showErrorMessage(
        vscode.l10n.t('The request is not valid JSON yet: fix it first (see the Problems panel).'),
      );
      return undefined;
    }
    const resolved = resolveBaseUrl(
      services.config.environment,
      services.config.customBaseUrl,
      services.sandbox.current?.url,
    );
    const baseUrl = resolved.ok ? resolved.baseUrl : FIXED_BASE_URLS.homologation;
    const code = requestAsCode(language, { operation, baseUrl, body });
    await services.workspace.writeClipboard(code);
    void services.ui.showInformationMessage(
      vscode.l10n.t(
        'Copied the {0} request as {1}. It reads the key from BIOPASSID_API_KEY.',
        OPERATIONS[operation].title,
        CODE_LANGUAGE_INFO[language].label,
      ),
    );
    return code;
  };
}
