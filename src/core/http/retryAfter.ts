/**
 * Seconds to wait according to a Retry-After header: either delay-seconds or an HTTP date
 * (RFC 9110, section 10.2.3). Undefined when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // Only a date has letters (a day or month name); Date.parse would also accept "1.5" as a date.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/**
 * The API Management gateway words its 429 as "Rate limit is exceeded. Try again in N seconds.";
 * used when a proxy in between dropped the Retry-After header.
 */
export function retryAfterFromMessage(message: string | undefined): number | undefined {
  const match = /try again in (\d+) seconds?/i.exec(message ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The wait before retrying a 429 that gave no Retry-After: 1 s, 2 s, 4 s… */
export function rateLimitBackoffSeconds(retryNumber: number): number {
  return 2 ** (retryNumber - 1);
}
