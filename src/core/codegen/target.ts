import { OPERATIONS, type Operation, type OperationId } from '../contract/operations';
import { l10n } from '../l10n';

/** Where and how the generated code sends a request. */
export interface RequestTarget {
  operation: Operation;
  /** The full URL: base URL (path prefix kept) + the operation's path. */
  url: string;
  secure: boolean;
  /** `host` or `host:port` as the URL spells it (IPv6 in brackets). */
  host: string;
  /** Without brackets for IPv6. */
  hostname: string;
  /** Only when the base URL names one. */
  port: number | undefined;
  /** The request path: the base URL's path prefix + the operation's path. */
  path: string;
}

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

/**
 * Resolves an operation against a base URL. A base URL with credentials, a query or a fragment is
 * refused: generated code is meant to be shared, and a query may carry a subscription key.
 */
export function requestTarget(operationId: OperationId, baseUrl: string): RequestTarget {
  const operation = OPERATIONS[operationId];
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new BaseUrlError(l10n.t('The base URL "{0}" is not an absolute URL.', baseUrl));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BaseUrlError(l10n.t('The base URL must use http or https, not {0}.', url.protocol.slice(0, -1)));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new BaseUrlError(l10n.t('The base URL must not carry credentials, a query or a fragment.'));
  }
  const path = `${url.pathname.replace(/\/+$/, '')}${operation.path}`;
  return {
    operation,
    url: `${url.origin}${path}`,
    secure: url.protocol === 'https:',
    host: url.host,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? undefined : Number(url.port),
    path,
  };
}
