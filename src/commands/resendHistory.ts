import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATIONS, type OperationId } from '../core/contract/operations';
import type { SingleImageOperation } from '../core/request/build';
import { isSafeToResend } from '../core/sidebar/models';
import type { CallResult } from '../run/call';
import { imageCall, isPersonOperation, type PersonOperation } from '../run/imageCall';
import { readImage } from '../run/images';
import { runCalls } from '../run/runCalls';
import type { HistoryEntry } from '../services/history';

const IMAGE_OPERATIONS = new Set<OperationId>([
  'face_detect',
  'liveness',
  'anonymizer',
  'check_icao',
  'icao_crop',
  'check_nfiq',
  'decode',
  'verify',
]);

function isImageOperation(operation: OperationId): operation is SingleImageOperation | PersonOperation {
  return IMAGE_OPERATIONS.has(operation);
}

/**
 * Sends a history entry's request again, when that changes nothing on the service: the call
 * itself while a result panel still holds it; else read again from where its images came from
 * (the image file, with the same checks as the first time, or the request file as it is now).
 * Where it cannot be done (the images were never in a file, the file is gone), it says why.
 */
export async function resendEntry(
  services: ExtensionServices,
  entry: HistoryEntry,
): Promise<(CallResult | undefined)[] | undefined> {
  const title = OPERATIONS[entry.operation].title;
  const refuse = (reason: string): undefined => {
    void services.ui.showWarningMessage(vscode.l10n.t('{0} cannot be sent again: {1}', title, reason));
    return undefined;
  };
  if (!isSafeToResend(entry.operation)) {
    return refuse(vscode.l10n.t('it changes the persons on the service, so it is never sent from the history.'));
  }
  const held = services.panels.heldCall(entry.id);
  if (held) return runCalls(services, held.call.operation, [held.call]);
  const from = entry.sentFrom;
  if (!from) {
    return refuse(
      vscode.l10n.t(
        'its images were not read from a file (an unsaved request, or pasted), and the history does not keep images. Send it again from where it came from.',
      ),
    );
  }
  const uri = vscode.Uri.parse(from.uri);
  if (from.kind === 'request') {
    const name = uri.path.split('/').pop() ?? from.uri;
    try {
      await services.workspace.stat(uri);
    } catch {
      return refuse(vscode.l10n.t('{0} was not found (moved or deleted?).', name));
    }
    return (await services.workspace.executeCommand('biopassid.sendRequest', uri, entry.operation)) as
      | (CallResult | undefined)[]
      | undefined;
  }
  if (!isImageOperation(entry.operation) || (isPersonOperation(entry.operation) && !entry.customId)) {
    return refuse(vscode.l10n.t('the history does not say how its image was sent.'));
  }
  const read = await readImage(services, uri, from.role);
  if (!read.ok) return refuse(read.message);
  return runCalls(services, entry.operation, [
    imageCall(entry.operation, read.base64, read.name, from, entry.customId),
  ]);
}
