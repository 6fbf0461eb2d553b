import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

/**
 * Environment and key state at a glance (`BioPass ID: homologation ••••abcd`, `from env`,
 * `not set`); a click opens the key and environment actions.
 */
export class KeyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('biopassid.status', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly services: ExtensionServices) {
    this.item.name = 'BioPass ID';
    this.item.command = 'biopassid.showKeyStatus';
  }

  async refresh(): Promise<void> {
    const { config, keys, sandbox } = this.services;
    const environment = config.environment;
    let keyText: string;
    let warning = false;
    if (environment === 'sandbox') {
      keyText = sandbox.current ? 'running' : 'starts on use';
    } else {
      const stored = await keys.get(environment);
      keyText = stored?.source === 'environment-variable' ? 'from env' : SubscriptionKeyStore.describe(stored);
      warning = !stored;
    }
    this.item.text = `$(${warning ? 'warning' : 'shield'}) BioPass ID: ${environment} ${keyText}`;
    // The tooltip shows the custom base URL, which a key can have been typed into.
    this.item.tooltip = this.services.redactor.text(
      `${config.describeEnvironment(sandbox.current?.url)}\nKey: ${keyText}\nClick for key and environment actions.`,
    );
    this.item.backgroundColor =
      environment === 'production' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
