import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { promptForKey } from '../ui/keyPrompt';

/** `BioPass ID: Set API Key…` for the current environment (the sandbox needs none). */
export function setApiKey(services: ExtensionServices) {
  return async (): Promise<void> => {
    const environment = services.config.environment;
    if (environment === 'sandbox') {
      void services.ui.showInformationMessage(
        vscode.l10n.t('The local sandbox needs no key: it accepts its own automatically.'),
      );
      return;
    }
    await promptForKey(services, environment);
  };
}

/** `BioPass ID: Clear API Key` for the current environment. */
export function clearApiKey(services: ExtensionServices) {
  return async (): Promise<void> => {
    const environment = services.config.environment;
    const stored = await services.keys.get(environment);
    if (stored?.source !== 'secret-storage') {
      void services.ui.showInformationMessage(
        stored?.source === 'environment-variable'
          ? vscode.l10n.t(
              'No stored key to clear for {0}: only the BIOPASSID_API_KEY environment variable provides one, which VS Code cannot clear.',
              environment,
            )
          : vscode.l10n.t('No stored key to clear for {0}: none is stored.', environment),
      );
      return;
    }
    await services.keys.clear(environment);
    services.log.info(`Subscription key for ${environment} cleared.`);
    void services.ui.showInformationMessage(vscode.l10n.t('BioPass ID key for {0} cleared.', environment));
  };
}
