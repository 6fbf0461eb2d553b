import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_RATE_LIMIT_RETRIES,
  MAX_RETRY_AFTER_SECONDS,
} from '../contract/choices';
import { OPERATIONS, type Operation, type OperationId } from '../contract/operations';
import { l10n } from '../l10n';
import { Redactor } from '../redact';
import { type AttemptSignal, attemptSignal } from './attemptSignal';
import { type BodyStream, readBody } from './body';
import type { Draft } from './draft';
import { JsonText } from './jsonText';
import { classifyFailure, networkDraft } from './networkError';
import type { AttemptInfo, Outcome } from './outcome';
import { classifyResponse, cutOffDraft, tooLargeDraft } from './response';
import { rateLimitBackoffSeconds } from './retryAfter';
import { makeClean } from './text';

/** The request options the client passes; the global fetch, VS Code's and undici's all accept them. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  redirect: 'manual';
}

export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** The body as a web ReadableStream (undici's and VS Code's fetch); without it, text() is read uncapped. */
  readonly body?: BodyStream | null;
  text(): Promise<string>;
}

/**
 * The fetch the client runs on, passed in so each host brings its own network stack: VS Code's
 * global fetch (proxy and certificate settings), undici's with an EnvHttpProxyAgent in the CLI.
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface ClientOptions {
  readonly fetch: FetchLike;
  /** An absolute http(s) URL without a trailing path separator, as resolveBaseUrl returns it. */
  readonly baseUrl: string;
  /** The subscription key; omitted or blank sends no key header. */
  readonly key?: string;
  /** Per request put on the wire, reading the body included; Retry-After waits are not counted. */
  readonly timeoutMs?: number;
  /**
   * The most of an answer's body the client reads (default 64 MiB); past it, or when the
   * Content-Length says so, it stops reading and the outcome says the answer was too large.
   */
  readonly maxResponseBytes?: number;
  readonly sleep?: Sleep;
  /** Wall-clock milliseconds, for latencies and Retry-After dates. */
  readonly now?: () => number;
  readonly onAttempt?: (info: AttemptInfo) => void;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
}

export interface Client {
  /** Sends `body` serialised as JSON, or a JsonText as it is. */
  send(operation: OperationId, body: unknown, options?: SendOptions): Promise<Outcome>;
}

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(l10n.t('The base URL is not an absolute URL.'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(l10n.t('The base URL must use http or https.'));
  }
  return baseUrl.replace(/\/+$/, '');
}

/** What an ambiguous failure of a store or delete means, and what to do before sending it again. */
function ambiguity(kind: Exclude<Operation['personalData'], 'none'>): { consequence: string; nextStep: string } {
  return kind === 'stores'
    ? {
        consequence: l10n.t('The request may have been processed: the biometrics may already be stored.'),
        nextStep: l10n.t(
          'Run Verify with the same CustomID to see whether the change was stored before sending it again.',
        ),
      }
    : {
        consequence: l10n.t('The request may have been processed: the person may already be deleted.'),
        nextStep: l10n.t(
          'Run Verify with the same CustomID to see whether the person still exists before sending it again.',
        ),
      };
}

export function createClient(options: ClientOptions): Client {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const key = options.key?.trim() || undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const redactor = new Redactor();
  if (key) redactor.remember(key);
  const clean = makeClean(redactor);

  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/plain',
    ...(key ? { 'Ocp-Apim-Subscription-Key': key } : {}),
  };

  async function attempt(operation: Operation, url: URL, body: string, callerSignal?: AbortSignal): Promise<Draft> {
    const attemptSignals = attemptSignal(timeoutMs, callerSignal);
    try {
      return await exchange(operation, url, body, attemptSignals, callerSignal);
    } finally {
      attemptSignals.dispose();
    }
  }

  async function exchange(
    operation: Operation,
    url: URL,
    body: string,
    { signal, timedOut, race }: AttemptSignal,
    callerSignal?: AbortSignal,
  ): Promise<Draft> {
    const failed = (error: unknown, responded: boolean, status?: number) =>
      networkDraft(
        classifyFailure(error, {
          callerAborted: callerSignal?.aborted === true,
          timedOut: timedOut(),
          responded,
        }),
        { url, timeoutMs, clean, ...(status === undefined ? {} : { status }) },
      );

    let response: FetchResponse;
    try {
      response = await options.fetch(url.href, {
        method: operation.method,
        headers,
        body,
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      return failed(error, false);
    }

    const ok = response.status >= 200 && response.status <= 299;
    let text: string | undefined;
    try {
      // The timeout covers the body too: a stalled or endless body ends with the attempt.
      text = await race(readBody(response, maxResponseBytes));
    } catch (error) {
      if (callerSignal?.aborted || (ok && timedOut())) return failed(error, true, response.status);
      if (ok) return cutOffDraft(response.status, response.headers.get('content-type') ?? undefined);
      // The status of an error answer says enough on its own.
      text = '';
    }
    if (text === undefined) {
      if (ok) {
        return tooLargeDraft(response.status, response.headers.get('content-type') ?? undefined, {
          operation,
          limitBytes: maxResponseBytes,
        });
      }
      text = '';
    }
    return classifyResponse(response, text, {
      operation,
      url,
      hasKey: key !== undefined,
      nowMs: now(),
      timeoutMs,
      clean,
    });
  }

  /** Seconds to wait before sending again, or undefined to stop here. Only a 429 is retried. */
  function rateLimitWait(draft: Draft, retryNumber: number): number | undefined {
    if (draft.kind !== 'gateway-error' || draft.reason !== 'rate-limited') return undefined;
    if (retryNumber > MAX_RATE_LIMIT_RETRIES) return undefined;
    const seconds = draft.retryAfterSeconds ?? rateLimitBackoffSeconds(retryNumber);
    return seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined;
  }

  function finalize(operation: Operation, draft: Draft, attempts: number, started: number): Outcome {
    const { retry, ...fields } = draft;
    let explanation = fields.explanation;
    let nextStep = fields.nextStep;
    if (fields.kind === 'gateway-error' && fields.reason === 'rate-limited') {
      if (attempts > 1) explanation += ` ${l10n.t('Still rate limited after {0} attempts.', attempts)}`;
      if (fields.retryAfterSeconds !== undefined && fields.retryAfterSeconds > MAX_RETRY_AFTER_SECONDS) {
        explanation += ` ${l10n.t(
          'It asks for a wait of {0} s, longer than the {1} s this client waits on its own.',
          fields.retryAfterSeconds,
          MAX_RETRY_AFTER_SECONDS,
        )}`;
      }
    }
    let retryable = retry === 'safe';
    if (retry === 'ambiguous') {
      if (operation.personalData === 'none') {
        retryable = true;
      } else {
        const { consequence, nextStep: check } = ambiguity(operation.personalData);
        explanation += ` ${consequence}`;
        nextStep = check;
      }
    }
    // The parts were cleaned when classified; this pass guards the sentences built around them.
    // Object.assign onto the rest object, not `{ ...fields, … }`: on Node 20 a spread of it
    // followed by more properties took ~11 µs, the client's largest own cost per request.
    return Object.assign(fields, {
      operation: operation.id,
      latencyMs: Math.max(0, now() - started),
      attempts,
      retryable,
      summary: redactor.text(fields.summary),
      explanation: redactor.text(explanation),
      nextStep: redactor.text(nextStep),
    }) as Outcome;
  }

  function cancelledDraft(url: URL, status?: number): Draft {
    return networkDraft(
      {
        cause: 'aborted',
        sentRequest: false,
        message: l10n.t('cancelled before the request was sent'),
        notHttp: false,
      },
      { url, timeoutMs, clean, ...(status === undefined ? {} : { status }) },
    );
  }

  // One URL per operation, parsed once: the client only reads it.
  const urls = new Map<OperationId, URL>();
  function urlOf(operation: Operation): URL {
    let url = urls.get(operation.id);
    if (!url) {
      url = new URL(`${baseUrl}${operation.path}`);
      urls.set(operation.id, url);
    }
    return url;
  }

  return {
    async send(operationId, body, sendOptions = {}) {
      const operation = Object.hasOwn(OPERATIONS, operationId) ? OPERATIONS[operationId] : undefined;
      if (!operation) throw new TypeError(`Unknown operation: ${String(operationId)}`);
      const started = now();
      const url = urlOf(operation);
      const payload = body instanceof JsonText ? body.text : JSON.stringify(body ?? null);
      const signal = sendOptions.signal;
      if (signal?.aborted) return finalize(operation, cancelledDraft(url), 0, started);

      for (let attempts = 1; ; attempts++) {
        const attemptStarted = now();
        const draft = await attempt(operation, url, payload, signal);
        const wait = rateLimitWait(draft, attempts);
        options.onAttempt?.({
          operation: operation.id,
          attempt: attempts,
          method: operation.method,
          url: url.href,
          ...(draft.status === undefined ? {} : { status: draft.status }),
          kind: draft.kind,
          latencyMs: Math.max(0, now() - attemptStarted),
          ...(wait === undefined ? {} : { retryInMs: wait * 1000 }),
        });
        if (wait === undefined) return finalize(operation, draft, attempts, started);
        try {
          await sleep(wait * 1000, signal);
        } catch (error) {
          if (!signal?.aborted) throw error;
        }
        // A 429 was not processed, so a wait cut short leaves nothing behind on the service.
        if (signal?.aborted) return finalize(operation, cancelledDraft(url, draft.status), attempts, started);
      }
    },
  };
}
