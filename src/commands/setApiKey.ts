import type { ExtensionServices } from '../context';
import { promptForKey } from '../ui/keyPrompt';

/** `BioPass ID: Set API Key…` for the current environment (the sandbox needs none). */
export function setApiKey(services: ExtensionServices) {
  return async (): Promise<void> => {
    const environment = services.config.environment;
    if (environment === 'sandbox') {
      void services.ui.showInformationMessage('The local sandbox needs no key: it accepts its own automatically.');
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
      const reason =
        stored?.source === 'environment-variable'
          ? 'only the BIOPASSID_API_KEY environment variable provides one, which VS Code cannot clear'
          : 'none is stored';
      void services.ui.showInformationMessage(`No stored key to clear for ${environment}: ${reason}.`);
      return;
    }
    await services.keys.clear(environment);
    services.log.info(`Subscription key for ${environment} cleared.`);
    void services.ui.showInformationMessage(`BioPass ID key for ${environment} cleared.`);
  };
}
