import { defaultSleep, type Sleep } from '../http/client';

/**
 * Paces every request of a run: at most `rate` a second (evenly spaced), and none while a 429's
 * Retry-After runs. The client waits out a 429 through `clientSleep`, which turns that wait into a
 * pause of every worker, so the wait happens once, shared, never twice.
 */
export class Pacer {
  private pausedUntil = 0;
  private nextSlot = 0;
  private readonly spacingMs: number;
  /** How many 429 pauses the run took, and for how long in all. */
  pauses = 0;
  pausedMs = 0;

  constructor(
    rate: number | undefined,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = defaultSleep,
  ) {
    this.spacingMs = rate === undefined ? 0 : 1000 / rate;
  }

  /** Resolves when a request may go out: no pause running, and its rate slot come. */
  async turn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const time = this.now();
      if (time < this.pausedUntil) {
        await this.sleep(this.pausedUntil - time, signal);
        continue;
      }
      if (this.spacingMs === 0) return;
      const slot = Math.max(time, this.nextSlot);
      this.nextSlot = slot + this.spacingMs;
      if (slot > time) await this.sleep(slot - time, signal);
      // A 429 may have arrived meanwhile: then wait for its pause too.
      if (this.now() >= this.pausedUntil) return;
    }
  }

  /** Every worker holds off for ms (a 429's Retry-After). */
  pause(ms: number): void {
    const until = this.now() + ms;
    if (until <= this.pausedUntil) return;
    this.pausedMs += until - Math.max(this.now(), this.pausedUntil);
    this.pausedUntil = until;
    this.pauses++;
  }

  /** The client's sleep: its only waits are for a 429, so each becomes a shared pause. */
  readonly clientSleep: Sleep = async (ms, signal) => {
    this.pause(ms);
    await this.turn(signal);
  };
}
