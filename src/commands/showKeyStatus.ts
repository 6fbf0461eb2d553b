import type { ExtensionServices } from '../context';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

/** The status bar item's menu: the key and environment actions in one place. */
export function showKeyStatus(services: ExtensionServices) {
  return async (): Promise<void> => {
    const environment = services.config.environment;
    const keyState =
      environment === 'sandbox' ? 'not needed' : SubscriptionKeyStore.describe(await services.keys.get(environment));
    const running = services.sandbox.current;
    const actions = [
      { label: '$(key) Set API Key…', command: 'biopassid.setApiKey', when: environment !== 'sandbox' },
      { label: '$(trash) Clear API Key', command: 'biopassid.clearApiKey', when: environment !== 'sandbox' },
      { label: '$(globe) Select Environment…', command: 'biopassid.selectEnvironment', when: true },
      { label: '$(play) Start Local Sandbox', command: 'biopassid.startSandbox', when: !running },
      { label: '$(debug-stop) Stop Local Sandbox', command: 'biopassid.stopSandbox', when: Boolean(running) },
      { label: '$(output) Show Output', command: 'biopassid.showOutput', when: true },
      { label: '$(history) Show History', command: 'biopassid.showHistory', when: true },
    ].filter((action) => action.when);
    const picked = await services.ui.showQuickPick(actions, {
      title: `BioPass ID · ${services.config.describeEnvironment(running?.url)} · key ${keyState}`,
    });
    if (picked) await services.workspace.executeCommand(picked.command);
  };
}
