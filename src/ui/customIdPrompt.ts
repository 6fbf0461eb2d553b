import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { customIdFromFileName, customIdProblem } from '../core/contract/fields';
import { OPERATIONS, type OperationId } from '../core/contract/operations';

const STATE_KEY = 'biopassid.lastCustomIds';
/** Key of the last CustomID typed without an image (Delete Person…). */
const ANY_IMAGE = '';

function remembered(services: ExtensionServices): Record<string, string> {
  return services.extensionContext.workspaceState.get<Record<string, string>>(STATE_KEY, {});
}

/**
 * Asks for a CustomID, validating as the user types. It proposes the last CustomID used with
 * this image (so verify and update follow enroll), else one made from the file name.
 */
export async function promptCustomId(
  services: ExtensionServices,
  operation: OperationId,
  image?: vscode.Uri,
): Promise<string | undefined> {
  const memory = remembered(services);
  const name = image?.path.split('/').pop();
  const last = memory[image?.toString() ?? ANY_IMAGE];
  const value = last ?? (name ? customIdFromFileName(name) : (memory[ANY_IMAGE] ?? ''));
  const customId = await services.ui.showInputBox({
    title: name
      ? vscode.l10n.t('BioPass ID {0}: {1}', OPERATIONS[operation].title, name)
      : vscode.l10n.t('BioPass ID {0}', OPERATIONS[operation].title),
    prompt: last
      ? vscode.l10n.t('CustomID: the one last used with this image is proposed.')
      : vscode.l10n.t(
          'CustomID: your identifier for the person, unique in your application (e.g. an ID document number).',
        ),
    value,
    ignoreFocusOut: true,
    validateInput: (text) => customIdProblem(text),
  });
  if (customId === undefined || customIdProblem(customId)) return undefined;
  await services.extensionContext.workspaceState.update(STATE_KEY, {
    ...memory,
    [image?.toString() ?? ANY_IMAGE]: customId,
    [ANY_IMAGE]: customId,
  });
  return customId;
}
