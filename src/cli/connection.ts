import { DEFAULT_ENVIRONMENT, isEnvironmentId, resolveBaseUrl } from '../core/environments';
import { type Client, createClient, type FetchLike, type Sleep } from '../core/http';
import { l10n } from '../core/l10n';
import { type Parsed, positiveNumberOption, stringOption } from './args';
import { type CliIo, UsageError } from './io';
import { proxiedFetch } from './transport';

export const KEY_VARIABLE = 'BIOPASSID_API_KEY';

export interface Connection {
  baseUrl: string;
  key: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  fetch: FetchLike;
  describe: string;
}

export function connectionFrom(parsed: Parsed, io: CliIo): Connection {
  const baseUrlOption = stringOption(parsed, 'base-url');
  const envOption = stringOption(parsed, 'env') ?? (baseUrlOption ? 'custom' : DEFAULT_ENVIRONMENT);
  if (envOption === 'sandbox') {
    throw new UsageError(l10n.t('for a local sandbox, pass --base-url with the URL `biopassid sandbox` printed'));
  }
  if (!isEnvironmentId(envOption)) {
    throw new UsageError(l10n.t('--env must be homologation, production or custom, not "{0}"', envOption));
  }
  if (envOption !== 'custom' && baseUrlOption)
    throw new UsageError(l10n.t('--base-url goes with --env custom (or no --env)'));
  const resolved = resolveBaseUrl(envOption, baseUrlOption ?? '');
  if (!resolved.ok) throw new UsageError(resolved.reason);
  const key = io.env[KEY_VARIABLE]?.trim();
  if (!key) {
    throw new UsageError(
      l10n.t(
        'No subscription key: set {0}. For the local sandbox, use the key that `biopassid sandbox` prints.',
        KEY_VARIABLE,
      ),
    );
  }
  const timeoutSeconds = positiveNumberOption(parsed, 'timeout');
  const maxResponseMB = positiveNumberOption(parsed, 'max-response-mb');
  if (maxResponseMB !== undefined && (maxResponseMB < 1 || maxResponseMB > 500)) {
    throw new UsageError(l10n.t('--max-response-mb must be between 1 and 500, not {0}', maxResponseMB));
  }
  return {
    baseUrl: resolved.baseUrl,
    key,
    ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
    ...(maxResponseMB === undefined ? {} : { maxResponseBytes: Math.round(maxResponseMB * 1024 * 1024) }),
    fetch: io.fetch ?? proxiedFetch(),
    describe: `${envOption} (${resolved.baseUrl})`,
  };
}

/** `sleep` replaces the client's own wait after a 429 (bulk shares it between its workers). */
export function clientFor(connection: Connection, sleep?: Sleep): Client {
  return createClient({
    ...(sleep === undefined ? {} : { sleep }),
    fetch: connection.fetch,
    baseUrl: connection.baseUrl,
    key: connection.key,
    ...(connection.timeoutMs === undefined ? {} : { timeoutMs: connection.timeoutMs }),
    ...(connection.maxResponseBytes === undefined ? {} : { maxResponseBytes: connection.maxResponseBytes }),
  });
}
