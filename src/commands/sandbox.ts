import vscode = require('vscode');

import type { ExtensionServices } from '../context';

/** `BioPass ID: Start Local Sandbox`: runs it and switches the environment to it. */
export function startSandbox(services: ExtensionServices) {
  return async (): Promise<string> => {
    const sandbox = await services.sandbox.start();
    if (services.config.environment !== 'sandbox') await services.config.setEnvironment('sandbox');
    void services.ui.showInformationMessage(
      vscode.l10n.t(
        'BioPass ID local sandbox running on {0}; requests now go to it (environment: sandbox).',
        sandbox.url,
      ),
    );
    return sandbox.url;
  };
}

/** `BioPass ID: Stop Local Sandbox`: stops it; the persons it held are gone. */
export function stopSandbox(services: ExtensionServices) {
  return async (): Promise<boolean> => {
    const stopped = await services.sandbox.stop();
    void services.ui.showInformationMessage(
      stopped
        ? vscode.l10n.t('BioPass ID local sandbox stopped.')
        : vscode.l10n.t('The BioPass ID local sandbox is not running.'),
    );
    return stopped;
  };
}
