import type { EnvironmentId } from '../core/environments';

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
  const shortKey = sandbox ? (keyState === 'running' ? '' : ' idle') : warning ? ' no key' : ` ${keyState}`;
  const icon = sandbox ? 'beaker' : warning ? 'warning' : 'shield';
  return {
    text: `$(${icon}) ${SHORT_NAMES[environment]}${shortKey}`,
    tooltip: `BioPass ID\n${environmentLine}\nKey: ${keyState}\nClick for key and environment actions.`,
    warning,
    accessibleLabel: `BioPass ID: ${environment}, key ${keyState}`,
  };
}
