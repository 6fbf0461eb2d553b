import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';
import { statusText } from './statusText';

/**
 * Environment and key state at a glance, short (`hml ••••abcd`, `prod no key`, `sandbox`; see
 * statusText.ts), the detail in the tooltip; a click opens the key and environment actions.
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
    let hasKey = true;
    if (environment === 'sandbox') {
      keyText = sandbox.current ? vscode.l10n.t('running') : vscode.l10n.t('starts on use');
    } else {
      const stored = await keys.get(environment);
      keyText =
        stored?.source === 'environment-variable' ? vscode.l10n.t('from env') : SubscriptionKeyStore.describe(stored);
      hasKey = stored !== undefined;
    }
    const shown = statusText(environment, config.describeEnvironment(sandbox.current?.url), keyText, hasKey);
    this.item.text = shown.text;
    // The tooltip shows the custom base URL, which a key can have been typed into.
    this.item.tooltip = this.services.redactor.text(shown.tooltip);
    this.item.accessibilityInformation = { label: this.services.redactor.text(shown.accessibleLabel) };
    this.item.backgroundColor =
      environment === 'production' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
