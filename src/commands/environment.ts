import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { ENVIRONMENT_IDS, type EnvironmentId, FIXED_BASE_URLS } from '../core/environments';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

function detail(environment: EnvironmentId): string {
  switch (environment) {
    case 'homologation':
      return vscode.l10n.t("{0}: the vendor's staging host", FIXED_BASE_URLS.homologation);
    case 'production':
      return vscode.l10n.t('{0}: the live service', FIXED_BASE_URLS.production);
    case 'custom':
      return vscode.l10n.t('the URL in biopassid.customBaseUrl');
    case 'sandbox':
      return vscode.l10n.t('the local sandbox inside VS Code: offline, no key needed');
  }
}

/** `BioPass ID: Select Environment…`: a pick of the four environments with each key's state. */
export function selectEnvironment(services: ExtensionServices) {
  return async (): Promise<EnvironmentId | undefined> => {
    const current = services.config.environment;
    const items = await Promise.all(
      ENVIRONMENT_IDS.map(async (environment) => ({
        label: environment,
        description: environment === current ? vscode.l10n.t('current') : '',
        detail:
          environment === 'sandbox'
            ? detail(environment)
            : vscode.l10n.t(
                '{0} · key {1}',
                detail(environment),
                SubscriptionKeyStore.describe(await services.keys.get(environment)),
              ),
        environment,
      })),
    );
    const picked = await services.ui.showQuickPick(items, {
      title: vscode.l10n.t('BioPass ID environment'),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    await services.config.setEnvironment(picked.environment);
    return picked.environment;
  };
}
