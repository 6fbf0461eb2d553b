import type { Operation } from '../contract/operations';
import { l10n } from '../l10n';
import type { Draft } from './draft';
import type { GatewayReason } from './outcome';
import { parseRetryAfter, retryAfterFromMessage } from './retryAfter';
import { type Clean, errorMessageOf } from './text';

export interface GatewayContext {
  readonly operation: Operation;
  readonly hasKey: boolean;
  readonly nowMs: number;
  readonly clean: Clean;
  readonly contentType: string | undefined;
  readonly retryAfterHeader: string | null;
  readonly location: string | null;
}

export function gatewayReasonOf(status: number, message: string | undefined, hasKey: boolean): GatewayReason {
  if (status === 401) {
    if (/missing subscription key/i.test(message ?? '')) return 'missing-key';
    if (/invalid subscription key/i.test(message ?? '')) return 'invalid-key';
    // Another gateway's wording: only whether we sent a key tells the two apart.
    return hasKey ? 'invalid-key' : 'missing-key';
  }
  if (status === 403) return 'forbidden-or-quota';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500 && status <= 599) return 'server-error';
  return 'other';
}

/** Every non-2xx answer except 400 (the service's own refusal) and 407 (a proxy's). */
export function gatewayDraft(status: number, text: string, context: GatewayContext): Draft {
  const raw = errorMessageOf(text, context.contentType);
  const message = raw === undefined ? undefined : context.clean(raw);
  const reason = gatewayReasonOf(status, raw, context.hasKey);
  const said = message ? `: ${message}` : '';
  const base = { kind: 'gateway-error' as const, status, reason, ...(message ? { message } : {}) };
  const title = context.operation.title;
  switch (reason) {
    case 'missing-key':
      return {
        ...base,
        retry: 'never',
        summary: message ?? l10n.t('Access denied: no subscription key'),
        explanation: context.hasKey
          ? l10n.t('The gateway did not receive the Ocp-Apim-Subscription-Key header (a proxy may have removed it).')
          : l10n.t('No subscription key is set for this environment, and the gateway needs one on every call.'),
        nextStep: l10n.t(
          'Set the subscription key for this environment (from your application on the BioPass ID panel).',
        ),
      };
    case 'invalid-key':
      return {
        ...base,
        retry: 'never',
        summary: message ?? l10n.t('Access denied: subscription key not accepted'),
        explanation: l10n.t(
          'The gateway rejected the subscription key: it is mistyped, revoked, or belongs to another environment (homologation and production may need different keys).',
        ),
        nextStep: l10n.t(
          'Set a valid subscription key for this environment (copy it again from the BioPass ID panel).',
        ),
      };
    case 'forbidden-or-quota':
      return {
        ...base,
        retry: 'never',
        summary: l10n.t('Forbidden{0}', said),
        explanation: l10n.t(
          "The gateway refused the call: the key's call quota may be used up, or its subscription does not include this API.",
        ),
        nextStep: l10n.t("Check the key's plan and quota on the BioPass ID panel, or wait until the quota renews."),
      };
    case 'rate-limited': {
      const seconds = parseRetryAfter(context.retryAfterHeader, context.nowMs) ?? retryAfterFromMessage(raw);
      return {
        ...base,
        ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
        retry: 'safe',
        summary: l10n.t('Rate limited{0}', said),
        explanation: l10n.t(
          'The gateway refused the call because too many were made in a short time; it was not processed.',
        ),
        nextStep:
          seconds === undefined
            ? l10n.t('Wait a little, then try again.')
            : l10n.t('Wait {0} s, then try again.', seconds),
      };
    }
    case 'server-error':
      return {
        ...base,
        retry: 'ambiguous',
        summary: l10n.t('Server error {0}{1}', status, said),
        explanation: l10n.t('The service or its gateway failed while handling {0} (HTTP {1}).', title, status),
        nextStep: l10n.t(
          "Try again later; if it keeps failing, check the vendor's status page or contact BioPass ID support.",
        ),
      };
    case 'not-found':
      return {
        ...base,
        retry: 'never',
        summary: l10n.t('Not found{0}', said),
        explanation:
          context.operation.envelope === 'Person' && context.operation.id !== 'enroll'
            ? l10n.t(
                'Either {0} does not exist at this base URL, or the service does not know this CustomID.',
                context.operation.path,
              )
            : l10n.t('{0} does not exist at this base URL.', context.operation.path),
        nextStep:
          context.operation.envelope === 'Person' && context.operation.id !== 'enroll'
            ? l10n.t('Check the environment or custom base URL, and that this CustomID is enrolled.')
            : l10n.t('Check the environment or custom base URL.'),
      };
    case 'other':
      return otherDraft(base, status, said, context);
  }
}

function otherDraft(
  base: { kind: 'gateway-error'; status: number; reason: GatewayReason; message?: string },
  status: number,
  said: string,
  context: GatewayContext,
): Draft {
  // Redirects are not followed: fetch would carry the subscription key header to the new address.
  if ((status >= 300 && status <= 399) || status === 0) {
    const target = context.location ? context.clean(context.location) : undefined;
    return {
      ...base,
      retry: 'never',
      summary: target ? l10n.t('Redirected to {0}', target) : l10n.t('Redirected'),
      explanation: l10n.t(
        'The server answered with a redirect. Redirects are not followed, so the subscription key is never sent to an address you did not choose.',
      ),
      nextStep: target
        ? l10n.t('If you trust the new address, use it as the custom base URL.')
        : l10n.t('Check the base URL (for example https:// instead of http://).'),
    };
  }
  if (status === 413) {
    return {
      ...base,
      retry: 'never',
      summary: l10n.t('Request too large{0}', said),
      explanation: l10n.t('The server refused the request because its body is too large.'),
      nextStep: l10n.t('Send smaller images: compress the JPEG or crop to the face or fingerprint.'),
    };
  }
  return {
    ...base,
    retry: 'never',
    summary: `HTTP ${status}${said}`,
    explanation: l10n.t(
      'The server answered HTTP {0}, which the BioPass ID contract does not describe for {1}.',
      status,
      context.operation.title,
    ),
    nextStep: l10n.t('Check the base URL and the request against the contract.'),
  };
}
