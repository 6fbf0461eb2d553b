import { dirname } from 'node:path';

import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { isOperationId, OPERATIONS, type OperationId } from '../core/contract/operations';
import { sentBiometrics } from '../core/request/fileName';
import { prepareWireBody } from '../core/request/prepare';
import { pinnedOperation } from '../requests/requestDocuments';
import { isRequestDocument } from '../requests/requestFiles';
import { runCalls } from '../run/runCalls';

async function documentFor(services: ExtensionServices, uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return services.workspace.openTextDocument(uri);
  return services.ui.activeTextEditor()?.document;
}

/**
 * Sends a request file (CodeLens, palette): validates it first and refuses, pointing at the
 * Problems panel, when the API would reject it; reads `$file` images only now, from inside the
 * workspace; then sends and reports like the image actions.
 */
export function sendRequest(services: ExtensionServices) {
  return async (uri?: unknown, operationArgument?: unknown) => {
    const document = await documentFor(services, uri);
    if (!document || !isRequestDocument(document)) {
      void services.ui.showWarningMessage(vscode.l10n.t('Open a BioPass ID request file (*.biopass.json) to send it.'));
      return undefined;
    }
    const name = document.uri.path.split('/').pop() ?? 'request';
    const result = services.validation.validate(document);
    const operation = await chooseOperation(services, operationArgument, pinnedOperation(document), result.operations);
    if (!operation) return undefined;
    const findings = [...result.diagnostics, ...(await services.validation.checkFiles(document, result))];
    const errors = findings.filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      await services.diagnostics.refresh(document);
      const showProblems = vscode.l10n.t('Show Problems');
      void services.ui
        .showErrorMessage(
          errors.length === 1
            ? vscode.l10n.t(
                '{0} has 1 problem the API would reject (first: {1}). Nothing was sent.',
                name,
                errors[0]?.message ?? '',
              )
            : vscode.l10n.t(
                '{0} has {1} problems the API would reject (first: {2}). Nothing was sent.',
                name,
                errors.length,
                errors[0]?.message ?? '',
              ),
          showProblems,
        )
        .then((choice) => {
          if (choice === showProblems) void services.workspace.executeCommand('workbench.actions.view.problems');
        });
      return undefined;
    }
    let body: unknown;
    try {
      const folder = services.workspace.getWorkspaceFolder(document.uri);
      const baseDir = dirname(document.uri.fsPath);
      const prepared = await prepareWireBody(JSON.parse(document.getText().replace(/^\uFEFF/, '')), {
        baseDir,
        allowedRoot: folder?.uri.fsPath ?? baseDir,
        maxImageBytes: services.config.maxImageBytes,
      });
      body = prepared.body;
    } catch (error) {
      void services.ui.showErrorMessage(
        vscode.l10n.t(
          '{0}: {1}. Nothing was sent.',
          name,
          (error instanceof Error ? error.message : String(error)).replace(/\.$/, ''),
        ),
      );
      return undefined;
    }
    const sent = sentBiometrics(body);
    return runCalls(services, operation, [
      {
        operation,
        body,
        ...(sent.customId ? { customId: sent.customId } : {}),
        source: name,
        context: sent,
        // A saved file can be read again; an unsaved one's text is gone once it is closed.
        ...(document.isUntitled ? {} : { sentFrom: { kind: 'request', uri: document.uri.toString() } as const }),
      },
    ]);
  };
}

async function chooseOperation(
  services: ExtensionServices,
  requested: unknown,
  pinned: OperationId | undefined,
  candidates: readonly OperationId[],
): Promise<OperationId | undefined> {
  if (isOperationId(requested)) return requested;
  if (pinned) return pinned;
  if (candidates.length === 1) return candidates[0];
  const picked = await services.ui.showQuickPick(
    (candidates.length > 0 ? candidates : Object.keys(OPERATIONS)).map((id) => ({
      label: OPERATIONS[id as OperationId].title,
      description: `${OPERATIONS[id as OperationId].method} ${OPERATIONS[id as OperationId].path}`,
      id: id as OperationId,
    })),
    { title: vscode.l10n.t('Send this request as…') },
  );
  return picked?.id;
}
