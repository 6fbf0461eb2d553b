import { OPERATION_IDS, OPERATIONS, type Operation } from '../contract/operations';
import { FIXED_BASE_URLS } from '../environments';

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
    return { ok: false, message: 'The URL of the curl command is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `The URL uses ${url.protocol.slice(0, -1)}; BioPass ID is reached over http(s).` };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const operation = OPERATION_IDS.map((id) => OPERATIONS[id]).find((candidate) =>
    path.toLowerCase().endsWith(candidate.path),
  );
  if (!operation) {
    return {
      ok: false,
      message: `The path ${path || '/'} is not a BioPass ID operation (those are /multibiometrics/enroll, /multibiometrics/verify, …, /quality/check_icao, …).`,
    };
  }
  if (method !== operation.method) {
    return {
      ok: false,
      message: `${operation.title} (${operation.path}) is sent with ${operation.method}, but the command uses ${method}.`,
    };
  }
  const notes: string[] = [];
  if (url.search !== '') {
    notes.push(
      url.searchParams.has(KEY_QUERY_PARAMETER)
        ? `The URL carried the subscription key as ?${KEY_QUERY_PARAMETER}=…: it was dropped, with the rest of the query.`
        : 'The query of the URL was dropped: BioPass ID operations take none.',
    );
  }
  if (url.username !== '' || url.password !== '') notes.push('The credentials in the URL were dropped.');
  const prefix = path.slice(0, path.length - operation.path.length);
  const origin = url.origin;
  const known = (Object.keys(FIXED_BASE_URLS) as (keyof typeof FIXED_BASE_URLS)[]).find(
    (id) => FIXED_BASE_URLS[id] === origin,
  );
  if (known && prefix === '') return { ok: true, operation, environment: { id: known }, notes };
  const baseUrl = `${origin}${prefix}`;
  notes.push(
    `${baseUrl} is not homologation or production: to send there, choose the custom environment with this base URL ("biopassid.environment": "custom", "biopassid.customBaseUrl": "${baseUrl}"; CLI: --base-url ${baseUrl}).`,
  );
  return { ok: true, operation, environment: { id: 'custom', baseUrl }, notes };
}
