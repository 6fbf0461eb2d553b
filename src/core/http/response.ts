import type { Operation } from '../contract/operations';
import { badRequestDraft } from './badRequest';
import type { Draft } from './draft';
import { gatewayDraft } from './gateway';
import { networkDraft } from './networkError';
import { SUCCESS_NEXT_STEP } from './outcome';
import { type Clean, errorMessageOf, isHtml, isTruncatedJson } from './text';

export interface ResponseContext {
  readonly operation: Operation;
  readonly url: URL;
  readonly hasKey: boolean;
  readonly nowMs: number;
  readonly timeoutMs: number;
  readonly clean: Clean;
}

/** The parts of a fetch Response the classification reads. */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
}

const MAX_SCHEMA_WARNINGS = 10;

/** Classifies a response whose body was read in full. */
export function classifyResponse(response: ReceivedResponse, text: string, context: ResponseContext): Draft {
  const { status } = response;
  const contentType = response.headers.get('content-type') ?? undefined;
  if (status >= 200 && status <= 299) return successDraft(status, text, contentType, context);
  if (status === 400) return badRequestDraft(status, text, contentType, context.clean);
  if (status === 407) {
    const said = errorMessageOf(text, contentType);
    return networkDraft(
      {
        cause: 'proxy',
        sentRequest: false,
        message: `HTTP 407 Proxy Authentication Required${said ? `: ${said}` : ''}`,
        notHttp: false,
      },
      { url: context.url, timeoutMs: context.timeoutMs, status, clean: context.clean },
    );
  }
  return gatewayDraft(status, text, {
    operation: context.operation,
    hasKey: context.hasKey,
    nowMs: context.nowMs,
    clean: context.clean,
    contentType,
    retryAfterHeader: response.headers.get('retry-after'),
    location: response.headers.get('location'),
  });
}

/** A 2xx whose body could not be read in full: the service answered, so it processed the call. */
export function cutOffDraft(status: number, contentType: string | undefined): Draft {
  return {
    kind: 'malformed-response',
    status,
    problem: 'cut-off',
    ...(contentType ? { contentType } : {}),
    retry: 'ambiguous',
    summary: `Answer ${status} cut off`,
    explanation: `The service answered ${status}, but the connection closed before the whole body arrived.`,
    nextStep: 'Try again; if it keeps happening, check the network or proxy between you and the service.',
  };
}

const MB = 1024 * 1024;

/**
 * A 2xx whose body is larger than the client reads: the service answered, so it processed the
 * call. A store or delete is 'ambiguous' (never re-sent: the answer may say it was stored); a
 * read-only call is 'never', since sending it again would meet the same limit.
 */
export function tooLargeDraft(
  status: number,
  contentType: string | undefined,
  { operation, limitBytes }: { operation: Operation; limitBytes: number },
): Draft {
  const limit = `${Math.round((limitBytes / MB) * 10) / 10} MB`;
  return {
    kind: 'malformed-response',
    status,
    problem: 'too-large',
    ...(contentType ? { contentType } : {}),
    retry: operation.personalData === 'none' ? 'never' : 'ambiguous',
    summary: `Answer ${status} too large`,
    explanation: `The service answered ${status}. The answer is larger than the ${limit} limit (biopassid.maxResponseSizeMB / --max-response-mb); nothing more was read.`,
    nextStep:
      'Check that the base URL points to the BioPass ID API; if answers this large are expected, raise the limit.',
  };
}

function successDraft(status: number, text: string, contentType: string | undefined, context: ResponseContext): Draft {
  const malformed = { kind: 'malformed-response' as const, status, ...(contentType ? { contentType } : {}) };
  if (text.trim() === '') {
    return {
      ...malformed,
      problem: 'empty',
      retry: 'ambiguous',
      summary: `Answer ${status} with an empty body`,
      explanation: `The service answered ${status} with no body, where the contract promises JSON.`,
      nextStep: 'Check that the base URL points to the BioPass ID API, then try again.',
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (isTruncatedJson(text)) {
      return {
        ...malformed,
        problem: 'truncated-json',
        retry: 'ambiguous',
        summary: `Answer ${status} with incomplete JSON`,
        explanation: `The service answered ${status}, but its JSON body stops before it is complete (${text.length} characters arrived).`,
        nextStep: 'Try again; if it keeps happening, check the network or proxy between you and the service.',
      };
    }
    const what = isHtml(text, contentType) ? (errorMessageOf(text, contentType) ?? 'an HTML page') : text;
    return {
      ...malformed,
      problem: 'not-json',
      retry: 'ambiguous',
      summary: `Answer ${status} is not JSON`,
      explanation: `The service answered ${status}, but the body is not JSON${contentType ? ` (Content-Type ${context.clean(contentType)})` : ''}: ${context.clean(what)}`,
      nextStep:
        'Check that the base URL points to the BioPass ID API (a proxy or captive portal may be answering instead).',
    };
  }
  const failure = logicalFailureMessage(body, context.operation);
  if (failure !== undefined) {
    const message = context.clean(failure) || 'no message';
    return {
      kind: 'logical-failure',
      status,
      body,
      message,
      retry: 'never',
      summary: `${context.operation.title} failed: ${message}`,
      explanation: `The service answered ${status} but reported Success: false.`,
      nextStep: 'Read the message: it usually names the image or field to fix.',
    };
  }
  const parsed = context.operation.response.safeParse(body);
  const schemaWarnings = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
        return context.clean(`${path}: ${issue.message}`);
      });
  const shownWarnings =
    schemaWarnings.length > MAX_SCHEMA_WARNINGS
      ? [
          ...schemaWarnings.slice(0, MAX_SCHEMA_WARNINGS),
          `and ${schemaWarnings.length - MAX_SCHEMA_WARNINGS} more differences`,
        ]
      : schemaWarnings;
  return {
    kind: 'success',
    status,
    body,
    schemaWarnings: shownWarnings,
    retry: 'never',
    summary:
      shownWarnings.length === 0
        ? `${context.operation.title} answered ${status}`
        : `${context.operation.title} answered ${status}, in an unexpected shape`,
    explanation:
      shownWarnings.length === 0
        ? 'The service answered with a body of the expected shape.'
        : `The body does not match the contract: ${shownWarnings.join('; ')}.`,
    nextStep:
      shownWarnings.length === 0
        ? SUCCESS_NEXT_STEP
        : 'Read the body carefully: fields may be missing or renamed, so the result may be incomplete.',
  };
}

/**
 * The reason of a 2xx that reports failure, or undefined for a real success: a top-level
 * `Success: false` (its `Message`; liveness's lower-case `result`), or the same inside the
 * Encode/Decode envelope, which carries its own Success flag.
 */
function logicalFailureMessage(body: unknown, operation: Operation): string | undefined {
  const record = asRecord(body);
  if (!record) return undefined;
  if (record.Success === false) return textOf(record.Message) ?? textOf(record.result) ?? '';
  const inner = asRecord(record[operation.envelope]);
  if (inner && (operation.envelope === 'Encode' || operation.envelope === 'Decode') && inner.Success === false) {
    return textOf(inner.Message) ?? textOf(record.Message) ?? `${operation.envelope}.Success is false`;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
