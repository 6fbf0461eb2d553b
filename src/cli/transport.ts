import { type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { BodyStream, FetchLike, FetchResponse } from '../core/http';

/**
 * The CLI's HTTP transport: undici's dispatcher API (`request`) under the client's FetchLike, with
 * an EnvHttpProxyAgent, so HTTP_PROXY, HTTPS_PROXY and NO_PROXY are honoured the way curl and most
 * tools read them.
 *
 * Why not undici's fetch, which the client also runs on: fetch builds a WHATWG Request, Headers,
 * an AbortSignal of its own and a web stream for each call. For the same match calls to the
 * sandbox, undici's fetch through this agent took about 320 µs of CPU a call, `request` 45 µs
 * (see the README's design notes): a long run (an evaluation, a bulk enroll) spent most of its
 * CPU there.
 *
 * What fetch did that this does too: a rejected call rejects with `TypeError('fetch failed')`
 * whose `cause` is undici's error, the shape the client's classification reads; redirects are
 * not followed (the client asks fetch for `redirect: 'manual'`); a repeated header reads as its
 * values joined with ', '; the body is a stream the client reads with a cap. What it does not: the Fetch
 * standard's port blocklist (6000, 10080…), a browser's safety rule with no reason in a command
 * line, and decompressing answers (no Accept-Encoding is sent, so none come compressed). Its
 * User-Agent is `biopassid-cli/<version>`.
 */
export function dispatcherFetch(dispatcher: Dispatcher): FetchLike {
  // The client sends one headers object for every call: it is extended with the User-Agent once.
  const withAgent = new WeakMap<Record<string, string>, Record<string, string>>();
  const headersOf = (headers: Record<string, string>) => {
    let sent = withAgent.get(headers);
    if (!sent) {
      sent = { 'User-Agent': USER_AGENT, ...headers };
      withAgent.set(headers, sent);
    }
    return sent;
  };
  // The client sends to a handful of URLs (one per operation): each is split into origin and path once.
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size >= MAX_TARGETS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };
  return async (url, init) => {
    const { origin, path } = targetOf(url);
    let answer: Dispatcher.ResponseData;
    try {
      answer = await dispatcher.request({
        origin,
        path,
        method: init.method as Dispatcher.HttpMethod,
        headers: headersOf(init.headers),
        ...(init.method === 'GET' || init.method === 'HEAD' ? {} : { body: init.body }),
        signal: init.signal,
      });
    } catch (error) {
      throw new TypeError('fetch failed', { cause: error });
    }
    return responseOf(answer);
  };
}

const MAX_TARGETS = 64;

declare const BIOPASSID_VERSION: string | undefined;

/** fetch sent its own ("node"); a gateway's logs then tell this tool's calls apart. */
const USER_AGENT = `biopassid-cli/${typeof BIOPASSID_VERSION === 'string' ? BIOPASSID_VERSION : 'development'}`;

/** The transport every CLI command uses unless a test brings its own. */
export function proxiedFetch(): FetchLike {
  return dispatcherFetch(new EnvHttpProxyAgent());
}

function responseOf(answer: Dispatcher.ResponseData): FetchResponse {
  const { headers, body } = answer;
  return {
    status: answer.statusCode,
    headers: {
      get(name) {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body: streamOf(body),
    text: () => body.text(),
  };
}

/** The web-stream face of undici's body (a Node Readable) that the client's capped read takes. */
function streamOf(body: Dispatcher.ResponseData['body']): BodyStream {
  const cancel = async () => {
    body.destroy();
  };
  return {
    getReader() {
      const chunks = body[Symbol.asyncIterator]();
      return {
        async read() {
          const next = await chunks.next();
          return next.done ? { done: true } : { done: false, value: next.value as Uint8Array };
        },
        cancel,
      };
    },
    cancel,
  };
}
