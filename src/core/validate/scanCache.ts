/**
 * Results computed from long strings (the base64 images of a request), kept from one validation
 * to the next: after a one-character edit elsewhere in a 10 MB request, an unchanged 5 MB image
 * is looked up instead of scanned and decoded again.
 *
 * The key is the string itself. V8 hashes a string longer than 16383 characters by its length
 * alone, and tells two of equal length apart with a memory comparison, so a lookup costs a small
 * fraction of a scan; shorter strings are hashed character by character, which would cost about
 * as much as scanning them, so they are not cached. Only the entries used by the last validation
 * are kept (a key may be a slice of that validation's text, which it keeps alive): memory stays
 * bounded by one request.
 */
export class LongStringCache<V> {
  static readonly MIN_LENGTH = 16 * 1024;

  private previous = new Map<string, V>();
  private current = new Map<string, V>();

  constructor() {
    caches.push(this);
  }

  get(key: string, compute: (key: string) => V): V {
    if (key.length < LongStringCache.MIN_LENGTH) return compute(key);
    let value = this.current.get(key);
    if (value === undefined) {
      value = this.previous.get(key) ?? compute(key);
      this.current.set(key, value);
    }
    return value;
  }

  /** Ends a validation: what it did not use is dropped. */
  endRun(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  clear(): void {
    this.previous = new Map();
    this.current = new Map();
  }
}

const caches: LongStringCache<unknown>[] = [];

/** Called once a validation is over (validateRequest does): each cache keeps what it used. */
export function endValidationRun(): void {
  for (const cache of caches) cache.endRun();
}

/** Forgets every remembered result, as if no document had been validated yet. */
export function clearLongStringCaches(): void {
  for (const cache of caches) cache.clear();
}
