import { OPERATION_IDS, OPERATIONS, type Operation } from '../contract/operations';
import { FIXED_BASE_URLS } from '../environments';
import { l10n } from '../l10n';

/** Where a pasted command was sent: a known environment, or a base URL for the custom one. */
export type ImportedEnvironment = { id: 'homologation' | 'production' } | { id: 'custom'; baseUrl: string };

export type TargetResult =
  | { ok: true; operation: Operation; environment: ImportedEnvironment; notes: string[] }
  | { ok: false; message: string };

/** The query parameter Azure API Management also accepts the key in. */
const KEY_QUERY_PARAMETER = 'subscription-key';

/**
 * The operation and environment of a URL: the path picks the operation (after any gateway
 * prefix, which then belongs to a custom base URL), the method must be the operation's, and the
 * host picks homologation or production, or becomes a custom environment suggestion.
 */
export function readTarget(method: string, rawUrl: string): TargetResult {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl) ? rawUrl : `http://${rawUrl}`);
  } catch {
    return { ok: false, message: l10n.t('The URL of the curl command is not a valid URL.') };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: l10n.t('The URL uses {0}; BioPass ID is reached over http(s).', url.protocol.slice(0, -1)),
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const operation = OPERATION_IDS.map((id) => OPERATIONS[id]).find((candidate) =>
    path.toLowerCase().endsWith(candidate.path),
  );
  if (!operation) {
    return {
      ok: false,
      message: l10n.t(
        'The path {0} is not a BioPass ID operation (those are /multibiometrics/enroll, /multibiometrics/verify, …, /quality/check_icao, …).',
        path || '/',
      ),
    };
  }
  if (method !== operation.method) {
    return {
      ok: false,
      message: l10n.t(
        '{0} ({1}) is sent with {2}, but the command uses {3}.',
        operation.title,
        operation.path,
        operation.method,
        method,
      ),
    };
  }
  const notes: string[] = [];
  if (url.search !== '') {
    notes.push(
      url.searchParams.has(KEY_QUERY_PARAMETER)
        ? l10n.t(
            'The URL carried the subscription key as ?{0}=…: it was dropped, with the rest of the query.',
            KEY_QUERY_PARAMETER,
          )
        : l10n.t('The query of the URL was dropped: BioPass ID operations take none.'),
    );
  }
  if (url.username !== '' || url.password !== '') notes.push(l10n.t('The credentials in the URL were dropped.'));
  const prefix = path.slice(0, path.length - operation.path.length);
  const origin = url.origin;
  const known = (Object.keys(FIXED_BASE_URLS) as (keyof typeof FIXED_BASE_URLS)[]).find(
    (id) => FIXED_BASE_URLS[id] === origin,
  );
  if (known && prefix === '') return { ok: true, operation, environment: { id: known }, notes };
  const baseUrl = `${origin}${prefix}`;
  notes.push(
    l10n.t(
      '{0} is not homologation or production: to send there, choose the custom environment with this base URL ("biopassid.environment": "custom", "biopassid.customBaseUrl": "{0}"; CLI: --base-url {0}).',
      baseUrl,
    ),
  );
  return { ok: true, operation, environment: { id: 'custom', baseUrl }, notes };
}
