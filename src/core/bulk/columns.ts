/**
 * Columns for what a bulk run keeps of each of 100,000 persons: typed arrays and UTF-8 text
 * outside the garbage-collected heap, where an object a person (with its arrays and strings) took
 * two to three times the bytes inside it, and V8 let that heap grow half as much again.
 */

type GrowableArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** The array, or a copy of it twice as long (at least `needed`) when it is shorter than that. */
export function grown<T extends GrowableArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const larger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  larger.set(array);
  return larger;
}

/** Strings one after the other as UTF-8 in one buffer, each found by where it ends. */
export class TextColumn {
  private bytes = Buffer.from(new Uint8Array(4096).buffer);
  private ends = new Uint32Array(1024);
  private used = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends the text; returns its index. */
  push(text: string): number {
    // A UTF-16 unit is at most 3 bytes of UTF-8: room for the longest the text can be.
    const needed = this.used + text.length * 3;
    if (needed > this.bytes.length) {
      const larger = Buffer.from(new Uint8Array(Math.max(needed, this.bytes.length * 2)).buffer);
      this.bytes.copy(larger, 0, 0, this.used);
      this.bytes = larger;
    }
    this.used += this.bytes.write(text, this.used);
    this.ends = grown(this.ends, this.count + 1);
    this.ends[this.count] = this.used;
    return this.count++;
  }

  at(index: number): string {
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[index]);
  }
}
