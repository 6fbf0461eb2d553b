import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

/** The status bar item's menu: the key and environment actions in one place. */
export function showKeyStatus(services: ExtensionServices) {
  return async (): Promise<void> => {
    const environment = services.config.environment;
    const keyState =
      environment === 'sandbox'
        ? vscode.l10n.t('not needed')
        : SubscriptionKeyStore.describe(await services.keys.get(environment));
    const running = services.sandbox.current;
    const actions = [
      { label: vscode.l10n.t('$(key) Set API Key…'), command: 'biopassid.setApiKey', when: environment !== 'sandbox' },
      {
        label: vscode.l10n.t('$(trash) Clear API Key'),
        command: 'biopassid.clearApiKey',
        when: environment !== 'sandbox',
      },
      { label: vscode.l10n.t('$(globe) Select Environment…'), command: 'biopassid.selectEnvironment', when: true },
      { label: vscode.l10n.t('$(play) Start Local Sandbox'), command: 'biopassid.startSandbox', when: !running },
      {
        label: vscode.l10n.t('$(debug-stop) Stop Local Sandbox'),
        command: 'biopassid.stopSandbox',
        when: Boolean(running),
      },
      { label: vscode.l10n.t('$(output) Show Output'), command: 'biopassid.showOutput', when: true },
      { label: vscode.l10n.t('$(history) Show History'), command: 'biopassid.showHistory', when: true },
    ].filter((action) => action.when);
    const picked = await services.ui.showQuickPick(actions, {
      title: vscode.l10n.t('BioPass ID · {0} · key {1}', services.config.describeEnvironment(running?.url), keyState),
    });
    if (picked) await services.workspace.executeCommand(picked.command);
  };
}
