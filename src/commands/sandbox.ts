import type { ExtensionServices } from '../context';

/** `BioPass ID: Start Local Sandbox`: runs it and switches the environment to it. */
export function startSandbox(services: ExtensionServices) {
  return async (): Promise<string> => {
    const sandbox = await services.sandbox.start();
    if (services.config.environment !== 'sandbox') await services.config.setEnvironment('sandbox');
    void services.ui.showInformationMessage(
      `BioPass ID local sandbox running on ${sandbox.url}; requests now go to it (environment: sandbox).`,
    );
    return sandbox.url;
  };
}

/** `BioPass ID: Stop Local Sandbox`: stops it; the persons it held are gone. */
export function stopSandbox(services: ExtensionServices) {
  return async (): Promise<boolean> => {
    const stopped = await services.sandbox.stop();
    void services.ui.showInformationMessage(
      stopped ? 'BioPass ID local sandbox stopped.' : 'The BioPass ID local sandbox is not running.',
    );
    return stopped;
  };
}
