import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import type { EnvironmentId } from '../core/environments';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

/**
 * Asks for the subscription key of an environment (password input: never echoed) and stores it
 * in SecretStorage. Returns the key, or undefined when cancelled.
 */
export async function promptForKey(
  services: ExtensionServices,
  environment: EnvironmentId,
): Promise<string | undefined> {
  const current = await services.keys.get(environment);
  const key = await services.ui.showInputBox({
    title: vscode.l10n.t('BioPass ID subscription key for {0}', environment),
    prompt: vscode.l10n.t(
      "Stored in VS Code's secret storage, never in settings or files. Current: {0}.",
      SubscriptionKeyStore.describe(current),
    ),
    placeHolder: vscode.l10n.t('Ocp-Apim-Subscription-Key from the BioPass ID panel'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('The key cannot be empty.') : undefined),
  });
  if (key === undefined || key.trim() === '') return undefined;
  await services.keys.set(environment, key);
  services.redactor.remember(key);
  const stored = await services.keys.get(environment);
  services.log.info(`Subscription key for ${environment} set: ${SubscriptionKeyStore.describe(stored)}`);
  void services.ui.showInformationMessage(
    vscode.l10n.t('BioPass ID key for {0} saved ({1}).', environment, SubscriptionKeyStore.describe(stored)),
  );
  return key.trim();
}
