import vscode = require('vscode');

import type { ExtensionServices } from '../context';

const CONSENT_KEY = 'biopassid.datasetConsent';

/**
 * Before the first evaluation or quality report on a folder: these are real people's biometric
 * data, and every image will be sent to the environment. The answer is remembered per folder
 * (in global state, by folder URI), so a second run on the same folder does not ask again.
 */
export async function ensureConsent(
  services: ExtensionServices,
  folder: string,
  environment: string,
): Promise<boolean> {
  const state = services.extensionContext.globalState;
  const given = state.get<string[]>(CONSENT_KEY) ?? [];
  if (given.includes(folder)) return true;
  const consent = vscode.l10n.t('I Have Their Consent');
  const answer = await services.ui.confirm(
    vscode.l10n.t('Send the face and fingerprint images of this folder to BioPass ID?'),
    vscode.l10n.t(
      'Images of real people are biometric data. Each image in {0} will be sent to {1} for templates or quality checks. Go on only if the people shown agreed to this use. BioPass ID remembers your answer for this folder.',
      folder,
      environment,
    ),
    consent,
  );
  if (answer !== consent) return false;
  await state.update(CONSENT_KEY, [...given, folder]);
  return true;
}

export function forgetConsent(services: ExtensionServices): Thenable<void> {
  return services.extensionContext.globalState.update(CONSENT_KEY, undefined);
}
