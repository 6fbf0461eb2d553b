import { l10n } from './l10n';

/**
 * Where requests go. The hosts come from the API contract (transport section): homologation is
 * the vendor's staging host and the default for a developer tool; production is opt-in; sandbox
 * is the local sandbox server, whose address is only known while it runs.
 */
export const ENVIRONMENT_IDS = ['homologation', 'production', 'custom', 'sandbox'] as const;
export type EnvironmentId = (typeof ENVIRONMENT_IDS)[number];

export const DEFAULT_ENVIRONMENT: EnvironmentId = 'homologation';

export const FIXED_BASE_URLS: Readonly<Record<Exclude<EnvironmentId, 'custom' | 'sandbox'>, string>> = {
  homologation: 'https://hml-api.biopassid.com',
  production: 'https://api.biopassid.com',
};

export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return typeof value === 'string' && (ENVIRONMENT_IDS as readonly string[]).includes(value);
}

export type BaseUrlResult = { ok: true; baseUrl: string } | { ok: false; reason: string };

/**
 * Resolves the base URL of an environment. A custom URL must be absolute http(s) with no query
 * or fragment; a trailing slash is dropped so paths can be appended as they are in the contract.
 */
export function resolveBaseUrl(environment: EnvironmentId, customBaseUrl = '', sandboxUrl?: string): BaseUrlResult {
  if (environment === 'sandbox') {
    return sandboxUrl
      ? { ok: true, baseUrl: sandboxUrl }
      : { ok: false, reason: l10n.t('The local sandbox is not running (BioPass ID: Start Local Sandbox).') };
  }
  if (environment !== 'custom') return { ok: true, baseUrl: FIXED_BASE_URLS[environment] };
  const text = customBaseUrl.trim();
  if (text === '') {
    return { ok: false, reason: l10n.t('The custom environment needs a base URL (setting biopassid.customBaseUrl).') };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: l10n.t('The custom base URL "{0}" is not an absolute URL.', text) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: l10n.t('The custom base URL must use http or https, not {0}.', url.protocol.slice(0, -1)),
    };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, reason: l10n.t('The custom base URL must not carry credentials, a query or a fragment.') };
  }
  return { ok: true, baseUrl: url.href.replace(/\/+$/, '') };
}

/** One line naming the environment and where it points, for the output channel and the CLI. */
export function describeEnvironment(environment: EnvironmentId, customBaseUrl = '', sandboxUrl?: string): string {
  if (environment === 'sandbox' && !sandboxUrl) {
    return l10n.t('Environment: sandbox (the local sandbox starts on first use)');
  }
  const resolved = resolveBaseUrl(environment, customBaseUrl, sandboxUrl);
  return resolved.ok
    ? l10n.t('Environment: {0} ({1})', environment, resolved.baseUrl)
    : l10n.t('Environment: {0} (not usable: {1})', environment, resolved.reason);
}
