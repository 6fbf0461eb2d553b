import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { personRequest } from '../core/request/build';
import { runCalls } from '../run/runCalls';
import { promptCustomId } from '../ui/customIdPrompt';

/** `BioPass ID: Delete Person…`: CustomID prompt, a confirmation naming it, then the delete. */
export function deletePerson(services: ExtensionServices) {
  return async (customIdArgument?: unknown) => {
    const customId = typeof customIdArgument === 'string' ? customIdArgument : await promptCustomId(services, 'delete');
    if (customId === undefined) return undefined;
    return runCalls(
      services,
      'delete',
      [{ operation: 'delete', body: personRequest(customId), customId, context: { customId } }],
      {
        // Production asks its own, stronger confirmation when the target is resolved.
        confirm: async (target) => {
          if (target.environment === 'production') return true;
          const verb = vscode.l10n.t('Delete');
          const answer = await services.ui.confirm(
            vscode.l10n.t('Delete person "{0}" from {1}?', customId, target.environment),
            vscode.l10n.t('BioPass ID removes the biometric templates stored under this CustomID.'),
            verb,
          );
          return answer === verb;
        },
      },
    );
  };
}
