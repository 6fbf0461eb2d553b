import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { gatewayReply, type Reply } from './reply';

/**
 * What the Azure API Management gateway in front of BioPass ID answers before a request reaches
 * the service. The 401 texts are the gateway's defaults, word for word, so a client's error
 * handling can be tested against the sandbox.
 */
export const SUBSCRIPTION_KEY_HEADER = 'ocp-apim-subscription-key';

export const GATEWAY_MESSAGES = {
  missingKey:
    'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
  invalidKey:
    'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
  notFound: 'Resource not found',
  tooLarge: 'Request entity too large',
  unsupportedMediaType: 'Unsupported media type: send the body as application/json',
  internalError: 'Internal Server Error',
} as const;

/** The body types the service takes; the help centre sends verify as json-patch+json. */
const ACCEPTED_MEDIA_TYPES = new Set(['application/json', 'application/json-patch+json']);

export function generateSandboxKey(): string {
  return `sandbox-${randomBytes(12).toString('hex')}`;
}

/** undefined when the request may pass; otherwise the gateway's 401. */
export function checkSubscriptionKey(headers: IncomingHttpHeaders, keys: ReadonlySet<string>): Reply | undefined {
  const value = headers[SUBSCRIPTION_KEY_HEADER];
  // The gateway treats an empty header like a missing one.
  if (value === undefined || value === '') return gatewayReply(401, GATEWAY_MESSAGES.missingKey);
  return typeof value === 'string' && keys.has(value) ? undefined : gatewayReply(401, GATEWAY_MESSAGES.invalidKey);
}

export function isAcceptedMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType !== undefined && ACCEPTED_MEDIA_TYPES.has(mediaType);
}
