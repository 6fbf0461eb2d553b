import { l10n } from '../l10n';
import type { Draft } from './draft';
import type { NetworkCause } from './outcome';
import type { Clean } from './text';

/** What a failed fetch says about itself once its `.cause` chain is read. */
export interface NetworkFailure {
  readonly cause: NetworkCause;
  readonly sentRequest: boolean | 'unknown';
  readonly code?: string;
  /** The most specific error message found, not yet cleaned. */
  readonly message: string;
  /** The peer answered with bytes that are not HTTP (a wrong port, TLS spoken to plain HTTP…). */
  readonly notHttp: boolean;
}

interface Link {
  readonly name: string;
  readonly code?: string;
  /** Node's system errors name the call that failed: `connect` fails before anything is sent. */
  readonly syscall?: string;
  readonly message: string;
}

const MAX_LINKS = 16;

/** The error, its `.cause`s and an AggregateError's `.errors` (happy eyeballs tries each address). */
function linksOf(error: unknown): Link[] {
  const links: Link[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && links.length < MAX_LINKS) {
    const current = queue.shift();
    if (current === null || current === undefined || seen.has(current)) continue;
    seen.add(current);
    if (typeof current !== 'object') {
      links.push({ name: typeof current, message: String(current) });
      continue;
    }
    const record = current as {
      name?: unknown;
      code?: unknown;
      syscall?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    links.push({
      name: typeof record.name === 'string' ? record.name : 'Error',
      // DOMExceptions carry numeric legacy codes (20, 23) that mean nothing here.
      ...(typeof record.code === 'string' ? { code: record.code } : {}),
      ...(typeof record.syscall === 'string' ? { syscall: record.syscall } : {}),
      message: typeof record.message === 'string' ? record.message : '',
    });
    queue.push(record.cause);
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
  return links;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);
/** Timeouts before the connection existed: the request cannot have reached the service. */
const CONNECT_TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ESOCKETTIMEDOUT']);
/** No route to the host, or this machine may not open the connection: nothing left it. */
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
/**
 * The Fetch standard's port blocklist (10080, 6000, 6667…): undici's fetch, and so Node's and VS
 * Code's, rejects such a URL with `TypeError: fetch failed` caused by a plain `Error: bad port`,
 * before it looks the host up.
 */
const BAD_PORT = /^bad port$/i;

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || /^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code);
}

function isProxyLink(link: Link): boolean {
  return link.code === 'UND_ERR_PRX_TLS' || /\bproxy\b/i.test(link.message) || /proxy/i.test(link.name);
}

export interface FailureContext {
  /** The caller's signal had fired: the user cancelled. */
  readonly callerAborted: boolean;
  /** The client's own timeout had fired. */
  readonly timedOut: boolean;
  /** Response headers had arrived, so the service had the whole request. */
  readonly responded: boolean;
}

/**
 * Classifies a rejected fetch or body read. The two signals are checked first: an abort surfaces
 * as the same AbortError or TimeoutError whoever caused it, and only the signals know who did.
 */
export function classifyFailure(error: unknown, context: FailureContext): NetworkFailure {
  const links = linksOf(error);
  const coded = links.find((link) => link.code !== undefined);
  const deepest = coded ?? links[links.length - 1];
  const base = {
    ...(coded?.code ? { code: coded.code } : {}),
    message: deepest?.message ?? '',
    notHttp: false,
  };
  const inFlight: boolean | 'unknown' = context.responded ? true : 'unknown';
  if (context.callerAborted) return { ...base, cause: 'aborted', sentRequest: inFlight };
  if (context.timedOut) return { ...base, cause: 'timeout', sentRequest: inFlight };

  const find = (test: (link: Link) => boolean) => links.find(test);
  const codeIn = (codes: Set<string>) => find((link) => link.code !== undefined && codes.has(link.code));

  const proxy = find(isProxyLink);
  if (proxy) return { ...base, message: proxy.message, cause: 'proxy', sentRequest: false };
  const tls = find((link) => link.code !== undefined && isTlsCode(link.code));
  if (tls) return { ...base, code: tls.code, message: tls.message, cause: 'tls', sentRequest: false };
  const dns = codeIn(DNS_CODES);
  if (dns) return { ...base, code: dns.code, message: dns.message, cause: 'dns', sentRequest: false };
  const badPort = find((link) => link.code === undefined && BAD_PORT.test(link.message));
  if (badPort) return { ...base, message: badPort.message, cause: 'blocked-port', sentRequest: false };
  const refused = codeIn(new Set(['ECONNREFUSED']));
  if (refused) return { ...base, code: refused.code, message: refused.message, cause: 'refused', sentRequest: false };
  const connectTimeout =
    codeIn(CONNECT_TIMEOUT_CODES) ??
    find((link) => link.syscall === 'connect' && link.code !== undefined && TIMEOUT_CODES.has(link.code));
  if (connectTimeout) {
    return {
      ...base,
      code: connectTimeout.code,
      message: connectTimeout.message,
      cause: 'timeout',
      sentRequest: false,
    };
  }
  const unreachable =
    codeIn(UNREACHABLE_CODES) ?? find((link) => link.syscall === 'connect' && link.code !== undefined);
  if (unreachable) {
    return {
      ...base,
      code: unreachable.code,
      message: unreachable.message,
      cause: 'unreachable',
      sentRequest: false,
    };
  }
  const timeout = codeIn(TIMEOUT_CODES) ?? find((link) => link.name === 'TimeoutError');
  if (timeout) return { ...base, message: timeout.message, cause: 'timeout', sentRequest: inFlight };
  const reset = codeIn(RESET_CODES);
  if (reset) return { ...base, code: reset.code, message: reset.message, cause: 'reset', sentRequest: inFlight };
  const parser = find((link) => link.name === 'HTTPParserError' || /^HPE_/.test(link.code ?? ''));
  if (parser) return { ...base, message: parser.message, cause: 'other', sentRequest: inFlight, notHttp: true };
  return { ...base, cause: 'other', sentRequest: inFlight };
}

export interface NetworkDraftContext {
  readonly url: URL;
  readonly timeoutMs: number;
  readonly status?: number;
  readonly clean: Clean;
}

/**
 * The outcome texts for a network failure. A failure before anything was sent is 'safe' (the UI
 * offers Retry, even for an enroll); only one after sending is 'ambiguous' ("may have been
 * processed", never re-sent for a store or delete).
 */
// Every failure where nothing left this machine says "the request was not sent, so sending it
// again is safe": only these may promise a safe retry.
export function networkDraft(failure: NetworkFailure, context: NetworkDraftContext): Draft {
  const { url, clean } = context;
  const detail = failure.message ? clean(failure.message) : l10n.t('no details');
  const where = url.host;
  const common = {
    kind: 'network-error' as const,
    cause: failure.cause,
    sentRequest: failure.sentRequest,
    ...(failure.code ? { code: failure.code } : {}),
    ...(context.status === undefined ? {} : { status: context.status }),
  };
  switch (failure.cause) {
    case 'aborted':
      return {
        ...common,
        retry: failure.sentRequest === false ? 'safe' : 'ambiguous',
        summary: l10n.t('Cancelled'),
        explanation:
          failure.sentRequest === false
            ? l10n.t('The request was cancelled; the service has not processed it.')
            : l10n.t('The request was cancelled before an answer arrived.'),
        nextStep: l10n.t('Send it again when you are ready.'),
      };
    case 'timeout':
      if (failure.sentRequest === false) {
        return {
          ...common,
          retry: 'safe',
          summary: l10n.t('Could not connect to {0} in time', where),
          explanation: l10n.t(
            'The connection to {0} was not established in time ({1}); the request was not sent, so sending it again is safe.',
            where,
            detail,
          ),
          nextStep: l10n.t('Check the base URL and the network (firewall, VPN, proxy), then try again.'),
        };
      }
      return {
        ...common,
        retry: 'ambiguous',
        summary: l10n.t('No complete answer from {0} within {1} ms', where, context.timeoutMs),
        explanation:
          failure.sentRequest === true
            ? l10n.t('The service started answering but the body did not arrive within {0} ms.', context.timeoutMs)
            : l10n.t('The service did not answer within {0} ms.', context.timeoutMs),
        nextStep: l10n.t('Try again; if it keeps timing out, raise the timeout or check the network.'),
      };
    case 'dns':
      return {
        ...common,
        retry: 'safe',
        summary: l10n.t('Host {0} not found', url.hostname),
        explanation: l10n.t(
          'The host name {0} could not be resolved ({1}); the request was not sent, so sending it again is safe.',
          url.hostname,
          detail,
        ),
        nextStep: l10n.t('Check the base URL for typos and that this machine can resolve it (network, DNS, VPN).'),
      };
    case 'refused':
      return {
        ...common,
        retry: 'safe',
        summary: l10n.t('Connection refused by {0}', where),
        explanation: l10n.t(
          'Nothing accepted a connection at {0}; the request was not sent, so sending it again is safe.',
          where,
        ),
        nextStep: l10n.t('Check the base URL and port; if it points to a local server (the sandbox), start it.'),
      };
    case 'blocked-port':
      return {
        ...common,
        retry: 'safe',
        summary: l10n.t('Port {0} is blocked by fetch', url.port),
        explanation: l10n.t(
          'Fetch refuses to connect to port {0} at all: the Fetch standard blocks it, as browsers do ({1}); the request was not sent, so sending it again is safe.',
          url.port,
          detail,
        ),
        nextStep: l10n.t(
          'Serve the API on another port (8080, 443, a free high port) and change the base URL to match.',
        ),
      };
    case 'unreachable':
      return {
        ...common,
        retry: 'safe',
        summary: l10n.t('Could not reach {0}', where),
        explanation: l10n.t(
          'A connection to {0} could not be opened ({1}); the request was not sent, so sending it again is safe.',
          where,
          detail,
        ),
        nextStep: l10n.t('Check the network (VPN, firewall, Wi-Fi) and the base URL, then try again.'),
      };
    case 'reset':
      return {
        ...common,
        retry: 'ambiguous',
        summary: l10n.t('Connection to {0} closed before an answer', where),
        explanation: l10n.t('The connection was closed or reset before a complete answer arrived ({0}).', detail),
        nextStep: l10n.t('Try again; if it keeps happening, check the network or proxy between you and the service.'),
      };
    case 'tls':
      return {
        ...common,
        retry: 'safe',
        summary: l10n.t('Secure connection to {0} failed', where),
        explanation: l10n.t(
          'The TLS handshake failed ({0}): the certificate is not trusted, does not match the host, or the port does not speak TLS. A proxy that inspects HTTPS causes this too. The request was not sent, so sending it again is safe.',
          detail,
        ),
        nextStep: l10n.t(
          "Check the base URL's scheme and port; behind an inspecting proxy, trust its CA certificate in the system store.",
        ),
      };
    case 'proxy':
      return {
        ...common,
        retry: 'safe',
        summary: l10n.t('The proxy refused the connection'),
        explanation: l10n.t(
          'The HTTP proxy did not let the request through ({0}); it did not reach the service, so sending it again is safe.',
          detail,
        ),
        nextStep: l10n.t('Check the proxy settings (http.proxy, HTTPS_PROXY, NO_PROXY) and the proxy credentials.'),
      };
    case 'other':
      if (failure.notHttp) {
        return {
          ...common,
          retry: 'ambiguous',
          summary: l10n.t('{0} did not answer in HTTP', where),
          explanation: l10n.t('Something answered at {0}, but not in HTTP ({1}).', where, detail),
          nextStep: l10n.t('Check the base URL: its port, and http:// versus https://.'),
        };
      }
      return {
        ...common,
        retry: 'ambiguous',
        summary: l10n.t('Request to {0} failed', where),
        explanation: l10n.t('The request failed without an HTTP answer ({0}).', detail),
        nextStep: l10n.t('Check the base URL and the network, then try again.'),
      };
  }
}
