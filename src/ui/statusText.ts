import type { EnvironmentId } from '../core/environments';
import { l10n } from '../core/l10n';

/** How the status bar names an environment: short, the full name is in the tooltip. */
const SHORT_NAMES: Readonly<Record<EnvironmentId, string>> = {
  homologation: 'hml',
  production: 'prod',
  custom: 'custom',
  sandbox: 'sandbox',
};

export interface StatusText {
  text: string;
  /** Before redaction: the environment line can hold a custom base URL a key was typed into. */
  tooltip: string;
  warning: boolean;
  accessibleLabel: string;
}

/**
 * The status bar item's text: the environment and the key's state, short (`$(shield) hml ••••abcd`,
 * `$(warning) prod no key`, `$(beaker) sandbox`); the detail goes to the tooltip.
 */
export function statusText(
  environment: EnvironmentId,
  environmentLine: string,
  keyState: string,
  hasKey: boolean,
): StatusText {
  const sandbox = environment === 'sandbox';
  const warning = !sandbox && !hasKey;
  // keyState comes from the status bar in the display language: 'running' there is this same string.
  const idle = keyState !== l10n.t('running');
  const shortKey = sandbox ? (idle ? ` ${l10n.t('idle')}` : '') : warning ? ` ${l10n.t('no key')}` : ` ${keyState}`;
  const icon = sandbox ? 'beaker' : warning ? 'warning' : 'shield';
  return {
    text: `$(${icon}) ${SHORT_NAMES[environment]}${shortKey}`,
    tooltip: `BioPass ID\n${environmentLine}\n${l10n.t('Key: {0}', keyState)}\n${l10n.t('Click for key and environment actions.')}`,
    warning,
    accessibleLabel: l10n.t('BioPass ID: {0}, key {1}', environment, keyState),
  };
}
