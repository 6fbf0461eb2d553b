import type { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../contract/choices';
import type { OperationId } from '../contract/operations';
import { l10n } from '../l10n';

/**
 * Every way a call can end, as one discriminated union on `kind`. Each variant carries one-line
 * `summary`, `explanation` and `nextStep` texts that are already redacted (no subscription key,
 * no base64 run), so any of them may go to a notification, the Output channel or a history entry.
 * `body` (success, logical-failure) is the parsed response as received: it may hold base64 images
 * and must go through the Redactor before it is logged.
 */
export type Outcome =
  | SuccessOutcome
  | LogicalFailureOutcome
  | BadRequestOutcome
  | GatewayErrorOutcome
  | NetworkErrorOutcome
  | MalformedResponseOutcome;

export type OutcomeKind = Outcome['kind'];

interface OutcomeCommon {
  readonly operation: OperationId;
  /** The HTTP status of the last attempt, when one arrived. */
  readonly status?: number;
  /** From the call to send() until the outcome, Retry-After waits included. */
  readonly latencyMs: number;
  /** Requests put on the wire: more than one only after a 429; 0 when cancelled before sending. */
  readonly attempts: number;
  readonly summary: string;
  readonly explanation: string;
  readonly nextStep: string;
  /**
   * Whether a UI may offer to send the same request again as it is: never for a store or delete
   * that may have been processed, never when the request itself must change first.
   */
  readonly retryable: boolean;
}

/** A 2xx with a JSON body. The body is still returned when it does not match the contract. */
export interface SuccessOutcome extends OutcomeCommon {
  readonly kind: 'success';
  readonly status: number;
  readonly body: unknown;
  /** Where the body differs from the catalog's response schema; empty when it matches. */
  readonly schemaWarnings: readonly string[];
}

/** A 2xx whose body says `Success: false` (its `Message`, or liveness's `result`, says why). */
export interface LogicalFailureOutcome extends OutcomeCommon {
  readonly kind: 'logical-failure';
  readonly status: number;
  readonly body: unknown;
  readonly message: string;
}

export type Known400 = keyof typeof KNOWN_400_TEXTS | keyof typeof SANDBOX_400_TEXTS;

/** A 400: the service refused the request itself, with a plain-text reason. */
export interface BadRequestOutcome extends OutcomeCommon {
  readonly kind: 'bad-request';
  readonly status: number;
  /** The reason as received, on one line, redacted and truncated. */
  readonly text: string;
  /** Which documented text it was, when it was one. */
  readonly known?: Known400;
}

export type GatewayReason =
  | 'missing-key'
  | 'invalid-key'
  | 'forbidden-or-quota'
  | 'rate-limited'
  | 'server-error'
  | 'not-found'
  | 'other';

/** Any other non-2xx answer, most often from the API Management gateway in front of the service. */
export interface GatewayErrorOutcome extends OutcomeCommon {
  readonly kind: 'gateway-error';
  readonly status: number;
  readonly reason: GatewayReason;
  /** The gateway's `message` (or the page title, or the text), redacted and truncated. */
  readonly message?: string;
  /** Only on 'rate-limited', when the gateway said how long to wait. */
  readonly retryAfterSeconds?: number;
}

export type NetworkCause =
  | 'dns'
  | 'refused'
  | 'blocked-port'
  | 'unreachable'
  | 'reset'
  | 'timeout'
  | 'tls'
  | 'proxy'
  | 'aborted'
  | 'other';

/** No usable HTTP answer: the connection failed, timed out, was cancelled, or a proxy refused it. */
export interface NetworkErrorOutcome extends OutcomeCommon {
  readonly kind: 'network-error';
  readonly cause: NetworkCause;
  /**
   * Whether the service may have processed the request: false when it cannot have (nothing was
   * connected), true when a response had started, 'unknown' when the connection broke in between.
   */
  readonly sentRequest: boolean | 'unknown';
  /** The most specific error code found (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT…), for logs. */
  readonly code?: string;
}

export type MalformedProblem = 'not-json' | 'truncated-json' | 'cut-off' | 'empty' | 'too-large';

/**
 * A 2xx whose body could not be read as JSON, or was larger than the client reads ('too-large').
 * The service did answer, so it did process the call.
 */
export interface MalformedResponseOutcome extends OutcomeCommon {
  readonly kind: 'malformed-response';
  readonly status: number;
  readonly problem: MalformedProblem;
  readonly contentType?: string;
}

/** What onAttempt receives after each request put on the wire. */
export interface AttemptInfo {
  readonly operation: OperationId;
  /** 1 for the first request. */
  readonly attempt: number;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly kind: OutcomeKind;
  /** This attempt alone, without waits. */
  readonly latencyMs: number;
  /** Set when the client will send the request again after this wait (a 429). */
  readonly retryInMs?: number;
}

/** The next step of a success (in the language of the moment); describeOutcome leaves it out. */
export function successNextStep(): string {
  return l10n.t('No action needed.');
}

/** The label after the status in a log line: the reason or cause where the kind has one. */
export function outcomeLabel(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'gateway-error':
      return outcome.reason;
    case 'network-error':
      return outcome.cause;
    case 'malformed-response':
      return `malformed-response (${outcome.problem})`;
    default:
      return outcome.kind;
  }
}

/**
 * One line for logs: `enroll 401 invalid-key: <summary> — <next step> (123 ms)`. It states what
 * happened and what to do, never the key or a body; the summary and next step are already redacted.
 */
export function describeOutcome(outcome: Outcome): string {
  const status = outcome.status === undefined ? '' : ` ${outcome.status}`;
  const next = outcome.nextStep === successNextStep() ? '' : ` — ${outcome.nextStep}`;
  const attempts = outcome.attempts > 1 ? `, ${l10n.t('{0} attempts', outcome.attempts)}` : '';
  return `${outcome.operation}${status} ${outcomeLabel(outcome)}: ${outcome.summary}${next} (${Math.round(outcome.latencyMs)} ms${attempts})`;
}
