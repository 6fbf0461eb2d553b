import type { ExtensionServices } from '../context';
import { ENVIRONMENT_IDS, type EnvironmentId, FIXED_BASE_URLS } from '../core/environments';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

const DETAILS: Record<EnvironmentId, string> = {
  homologation: `${FIXED_BASE_URLS.homologation}: the vendor's staging host`,
  production: `${FIXED_BASE_URLS.production}: the live service`,
  custom: 'the URL in biopassid.customBaseUrl',
  sandbox: 'the local sandbox inside VS Code: offline, no key needed',
};

/** `BioPass ID: Select Environment…`: a pick of the four environments with each key's state. */
export function selectEnvironment(services: ExtensionServices) {
  return async (): Promise<EnvironmentId | undefined> => {
    const current = services.config.environment;
    const items = await Promise.all(
      ENVIRONMENT_IDS.map(async (environment) => ({
        label: environment,
        description: environment === current ? 'current' : '',
        detail:
          environment === 'sandbox'
            ? DETAILS[environment]
            : `${DETAILS[environment]} · key ${SubscriptionKeyStore.describe(await services.keys.get(environment))}`,
        environment,
      })),
    );
    const picked = await services.ui.showQuickPick(items, { title: 'BioPass ID environment', ignoreFocusOut: true });
    if (!picked) return undefined;
    await services.config.setEnvironment(picked.environment);
    return picked.environment;
  };
}
