/**
 * The signal one attempt runs under: it fires when the client's timeout runs out or when the
 * caller's signal fires, and says which of the two it was. One AbortController and one timer per
 * attempt, released by `dispose()`: `AbortSignal.timeout` and `AbortSignal.any` build transferable
 * signals, and listeners added per request showed in a batch profile as the client's own cost.
 */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** The timeout fired (before any cancellation by the caller). */
  timedOut(): boolean;
  /**
   * Settles as `work` does, or rejects with the abort reason as soon as the signal fires: a server
   * that sent its headers and then stalls must not keep the caller waiting, whatever the fetch
   * implementation does with the signal once the headers are in.
   */
  race<T>(work: Promise<T>): Promise<T>;
  /** Stops the timer and lets go of the caller's signal; the attempt is over. */
  dispose(): void;
}

export function attemptSignal(timeoutMs: number, callerSignal?: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  let rejectRace: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    rejectRace?.(reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // Like AbortSignal.timeout's, the timer alone does not keep a process alive.
  timer.unref?.();
  const onCallerAbort = () => abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    race(work) {
      if (controller.signal.aborted) return Promise.reject(controller.signal.reason);
      return new Promise((resolve, reject) => {
        rejectRace = reject;
        work.then(resolve, reject);
      });
    },
    dispose() {
      clearTimeout(timer);
      rejectRace = undefined;
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
