import type { Operation } from '../contract/operations';
import { l10n } from '../l10n';
import { badRequestDraft } from './badRequest';
import type { Draft } from './draft';
import { gatewayDraft } from './gateway';
import { networkDraft } from './networkError';
import { successNextStep } from './outcome';
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
    summary: l10n.t('Answer {0} cut off', status),
    explanation: l10n.t('The service answered {0}, but the connection closed before the whole body arrived.', status),
    nextStep: l10n.t('Try again; if it keeps happening, check the network or proxy between you and the service.'),
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
    summary: l10n.t('Answer {0} too large', status),
    explanation: l10n.t(
      'The service answered {0}. The answer is larger than the {1} limit (biopassid.maxResponseSizeMB / --max-response-mb); nothing more was read.',
      status,
      limit,
    ),
    nextStep: l10n.t(
      'Check that the base URL points to the BioPass ID API; if answers this large are expected, raise the limit.',
    ),
  };
}

function successDraft(status: number, text: string, contentType: string | undefined, context: ResponseContext): Draft {
  const malformed = { kind: 'malformed-response' as const, status, ...(contentType ? { contentType } : {}) };
  if (text.trim() === '') {
    return {
      ...malformed,
      problem: 'empty',
      retry: 'ambiguous',
      summary: l10n.t('Answer {0} with an empty body', status),
      explanation: l10n.t('The service answered {0} with no body, where the contract promises JSON.', status),
      nextStep: l10n.t('Check that the base URL points to the BioPass ID API, then try again.'),
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
        summary: l10n.t('Answer {0} with incomplete JSON', status),
        explanation: l10n.t(
          'The service answered {0}, but its JSON body stops before it is complete ({1} characters arrived).',
          status,
          text.length,
        ),
        nextStep: l10n.t('Try again; if it keeps happening, check the network or proxy between you and the service.'),
      };
    }
    const what = isHtml(text, contentType) ? (errorMessageOf(text, contentType) ?? l10n.t('an HTML page')) : text;
    return {
      ...malformed,
      problem: 'not-json',
      retry: 'ambiguous',
      summary: l10n.t('Answer {0} is not JSON', status),
      explanation: contentType
        ? l10n.t(
            'The service answered {0}, but the body is not JSON (Content-Type {1}): {2}',
            status,
            context.clean(contentType),
            context.clean(what),
          )
        : l10n.t('The service answered {0}, but the body is not JSON: {1}', status, context.clean(what)),
      nextStep: l10n.t(
        'Check that the base URL points to the BioPass ID API (a proxy or captive portal may be answering instead).',
      ),
    };
  }
  const failure = logicalFailureMessage(body, context.operation);
  if (failure !== undefined) {
    const message = context.clean(failure) || l10n.t('no message');
    return {
      kind: 'logical-failure',
      status,
      body,
      message,
      retry: 'never',
      summary: l10n.t('{0} failed: {1}', context.operation.title, message),
      explanation: l10n.t('The service answered {0} but reported Success: false.', status),
      nextStep: l10n.t('Read the message: it usually names the image or field to fix.'),
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
          l10n.t('and {0} more differences', schemaWarnings.length - MAX_SCHEMA_WARNINGS),
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
        ? l10n.t('{0} answered {1}', context.operation.title, status)
        : l10n.t('{0} answered {1}, in an unexpected shape', context.operation.title, status),
    explanation:
      shownWarnings.length === 0
        ? l10n.t('The service answered with a body of the expected shape.')
        : l10n.t('The body does not match the contract: {0}.', shownWarnings.join('; ')),
    nextStep:
      shownWarnings.length === 0
        ? successNextStep()
        : l10n.t('Read the body carefully: fields may be missing or renamed, so the result may be incomplete.'),
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
    return textOf(inner.Message) ?? textOf(record.Message) ?? l10n.t('{0}.Success is false', operation.envelope);
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
