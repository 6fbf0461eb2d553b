import { gatewayReply, type Reply } from './reply';

/**
 * The gateway's rate limit as the Azure API Management `rate-limit` policy applies it: at most
 * `perSecond` calls in each one-second window, the rest refused with a 429 that says, in its
 * Retry-After header and its message, how many seconds remain until the window opens again.
 */
export class RateLimit {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(perSecond) && perSecond >= 1)) throw new RangeError('rate must be an integer >= 1');
  }

  /** undefined when the call may go on, else the 429 to answer. */
  take(): Reply | undefined {
    const time = this.now();
    if (time - this.windowStart >= 1000) {
      this.windowStart = time;
      this.count = 0;
    }
    if (++this.count <= this.perSecond) return undefined;
    const seconds = Math.max(1, Math.ceil((this.windowStart + 1000 - time) / 1000));
    return {
      ...gatewayReply(429, `Rate limit is exceeded. Try again in ${seconds} seconds.`),
      headers: { 'Retry-After': String(seconds) },
    };
  }
}
