import type { Outcome } from './outcome';

/**
 * How safe it is to send the same request again, decided where the outcome is classified:
 * - 'never': sending it again as it is cannot help (success, a refused request, a TLS failure…);
 * - 'safe': the service cannot have processed it and it may work later (DNS, refused, 429);
 * - 'ambiguous': the service may have processed it (reset, timeout, 5xx, unreadable 2xx).
 */
export type RetryClass = 'never' | 'safe' | 'ambiguous';

type DraftOf<T> = T extends Outcome
  ? Omit<T, 'operation' | 'latencyMs' | 'attempts' | 'retryable'> & { readonly retry: RetryClass }
  : never;

/** An outcome as classified from one attempt, before the client adds timing and retry advice. */
export type Draft = DraftOf<Outcome>;
