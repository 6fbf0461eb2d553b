/** A 0-based position, the way editors count: `character` in UTF-16 code units. */
export interface LineColumn {
  line: number;
  character: number;
}

/**
 * Line starts of a text, found once, so each offset converts with a binary search. A caller may
 * convert thousands of offsets on a 40 MB request: rescanning the text for each would be quadratic.
 * `\n`, `\r\n` and a lone `\r` each end a line, as in VS Code and jsonc-parser.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // indexOf runs natively and skips whole lines at once, far faster than a charCodeAt loop.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        next = cr + 1;
        if (lf === next) next++;
      } else {
        next = lf + 1;
      }
      this.starts.push(next);
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
      if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offsets outside the text are clamped to it. */
  position(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - (this.starts[low] ?? 0) };
  }
}

let cached: { text: string; index: LineIndex } | undefined;

/**
 * Converts an offset to a 0-based line and character. The line index of the last text seen is
 * kept, so converting every diagnostic of one document scans it only once.
 */
export function offsetToLineColumn(text: string, offset: number): LineColumn {
  if (cached?.text !== text) cached = { text, index: new LineIndex(text) };
  return cached.index.position(offset);
}
