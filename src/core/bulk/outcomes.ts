import type { Outcome } from '../http/outcome';

/** What a runner does with an answer. */
export type Disposition =
  | { kind: 'confirmed'; bioPassId?: string }
  | { kind: 'duplicate' }
  | { kind: 'not-found' }
  /** Refused for this person: a 400, a 413, Success false… Sending it again changes nothing. */
  | { kind: 'refused'; cause: string; status?: number }
  /** Refused for every person (key, quota): the run stops. */
  | { kind: 'fatal'; cause: string; status?: number }
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** Nothing reached the service (connection refused, DNS…): safe to send again. */
  | { kind: 'not-sent'; cause: string }
  /** It may have been processed (5xx, reset after sending, timeout, a cut-off answer). */
  | { kind: 'ambiguous'; cause: string; status?: number }
  | { kind: 'cancelled' };

const RATE_LIMIT_FALLBACK_MS = 5000;

export function dispose(outcome: Outcome, cancelled: boolean): Disposition {
  const status = outcome.status === undefined ? {} : { status: outcome.status };
  const cause = `${outcome.summary}${outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`}`;
  switch (outcome.kind) {
    case 'success': {
      const person = (outcome.body as { Person?: { BioPassID?: unknown } } | undefined)?.Person;
      return typeof person?.BioPassID === 'string'
        ? { kind: 'confirmed', bioPassId: person.BioPassID }
        : { kind: 'confirmed' };
    }
    case 'bad-request':
      if (outcome.known === 'duplicateCustomId') return { kind: 'duplicate' };
      if (outcome.known === 'unknownCustomId') return { kind: 'not-found' };
      return { kind: 'refused', cause, ...status };
    case 'logical-failure':
      return { kind: 'refused', cause, ...status };
    case 'gateway-error':
      if (outcome.reason === 'rate-limited') {
        return {
          kind: 'rate-limited',
          retryAfterMs: (outcome.retryAfterSeconds ?? RATE_LIMIT_FALLBACK_MS / 1000) * 1000,
        };
      }
      if (
        outcome.reason === 'missing-key' ||
        outcome.reason === 'invalid-key' ||
        outcome.reason === 'forbidden-or-quota'
      ) {
        return { kind: 'fatal', cause, ...status };
      }
      if (outcome.reason === 'server-error') return { kind: 'ambiguous', cause, ...status };
      return { kind: 'refused', cause, ...status };
    case 'network-error':
      if (cancelled || outcome.cause === 'aborted') return { kind: 'cancelled' };
      if (outcome.sentRequest === false) return { kind: 'not-sent', cause };
      return { kind: 'ambiguous', cause, ...status };
    case 'malformed-response':
      return { kind: 'ambiguous', cause, ...status };
  }
}
