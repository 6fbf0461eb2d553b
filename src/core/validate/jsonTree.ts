import { type Node, type NodeType, type ParseError, type ParseOptions, parseTree } from 'jsonc-parser';
import { scanString } from './base64';

/** jsonc-parser's ParseErrorCode.InvalidSymbol (an ambient const enum, which isolated modules cannot read). */
const INVALID_SYMBOL = 1;
const BOM = 0xfeff;

/** Deeper nesting is left to jsonc-parser, whose recursion decides what happens to it (see syntax.ts). */
const MAX_DEPTH = 256;
/** Shorter strings are checked for control characters and escapes in place; longer ones by the cached scan. */
const SCANNED_LENGTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DOT = 0x2e;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * jsonc-parser's `parseTree`, faster on the requests people write: strict JSON is read by
 * `readStrictJson`, and anything else (comments, trailing commas, syntax errors, very deep
 * nesting) by jsonc-parser itself, so the tree and the errors are the same either way.
 */
export function parseJsonTree(text: string, errors: ParseError[] = [], options?: ParseOptions): Node | undefined {
  const root = readStrictJson(text);
  if (root === undefined) return parseTree(text, errors, options);
  // jsonc-parser reads a byte order mark as an unknown symbol, then goes on as if it were not there.
  if (text.charCodeAt(0) === BOM) errors.push({ error: INVALID_SYMBOL, offset: 0, length: 1 });
  return root;
}

/**
 * The tree jsonc-parser builds for a strict JSON text (a byte order mark allowed before it), or
 * undefined for any other text. It jumps from quote to quote with indexOf, so the megabytes of a
 * base64 image are never walked character by character here, and takes string values as slices of
 * the text (V8 shares the characters rather than copying them). Control characters and escapes in
 * long strings are found by the scan the image check reuses (base64.ts), remembered from one
 * validation to the next; strings with escapes are decoded by JSON.parse, which also rejects a
 * malformed escape or a raw control character.
 */
export function readStrictJson(text: string): Node | undefined {
  return new StrictJsonReader(text).read();
}

/** jsonc-parser's Node, writable while the tree is built. */
interface BuiltNode {
  type: NodeType;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: Container;
  children?: BuiltNode[];
  value?: string | number | boolean | null;
}

type Container = BuiltNode & { children: BuiltNode[] };

class StrictJsonReader {
  /** The value of the string read last. */
  private value = '';

  constructor(private readonly text: string) {}

  read(): Node | undefined {
    const text = this.text;
    const end = text.length;
    let pos = 0;
    if (text.charCodeAt(0) === BOM) {
      // jsonc-parser reads the BOM and any character glued to it as one unknown word.
      const next = text.charCodeAt(1);
      if (next !== OPEN_BRACE && next !== OPEN_BRACKET && next !== QUOTE && !isWhitespace(next)) return undefined;
      pos = 1;
    }
    let root: BuiltNode | undefined;
    /** The node the next value goes into: a property, an array, or undefined at the top. */
    let parent: Container | undefined;
    let depth = 0;
    /** True while a key is expected (right after `{` or a comma inside an object). */
    let expectKey = false;
    for (;;) {
      let valueEnd: number;
      pos = skipWhitespace(text, pos);
      if (expectKey) {
        if (parent === undefined || text.charCodeAt(pos) !== QUOTE) return undefined;
        const close = this.readString(pos);
        if (close === -1) return undefined;
        const property: Container = { type: 'property', offset: pos, length: -1, parent, children: [] };
        parent.children.push(property);
        property.children.push({
          type: 'string',
          value: this.value,
          offset: pos,
          length: close + 1 - pos,
          parent: property,
        });
        pos = skipWhitespace(text, close + 1);
        if (text.charCodeAt(pos) !== COLON) return undefined;
        property.colonOffset = pos;
        pos++;
        parent = property;
        expectKey = false;
        continue;
      }
      const code = text.charCodeAt(pos);
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (++depth > MAX_DEPTH) return undefined;
        const container: Container =
          parent === undefined
            ? { type: code === OPEN_BRACE ? 'object' : 'array', offset: pos, length: -1, children: [] }
            : { type: code === OPEN_BRACE ? 'object' : 'array', offset: pos, length: -1, parent, children: [] };
        if (parent === undefined) root = container;
        else parent.children.push(container);
        pos = skipWhitespace(text, pos + 1);
        const closing = code === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
        if (text.charCodeAt(pos) !== closing) {
          parent = container;
          expectKey = code === OPEN_BRACE;
          continue;
        }
        container.length = pos + 1 - container.offset;
        depth--;
        valueEnd = pos + 1;
      } else {
        let value: string | number | boolean | null;
        if (code === QUOTE) {
          const close = this.readString(pos);
          if (close === -1) return undefined;
          value = this.value;
          valueEnd = close + 1;
        } else if (code === MINUS || isDigit(code)) {
          valueEnd = numberEnd(text, pos);
          if (valueEnd === -1) return undefined;
          value = Number(text.slice(pos, valueEnd));
        } else if (text.startsWith('true', pos)) {
          value = true;
          valueEnd = pos + 4;
        } else if (text.startsWith('false', pos)) {
          value = false;
          valueEnd = pos + 5;
        } else if (text.startsWith('null', pos)) {
          value = null;
          valueEnd = pos + 4;
        } else {
          return undefined;
        }
        const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        const length = valueEnd - pos;
        if (parent === undefined) root = { type, offset: pos, length, value };
        else parent.children.push({ type, offset: pos, length, parent, value });
      }

      // A value ended at valueEnd: close what it completes, up to the next comma or the end.
      for (;;) {
        if (parent?.type === 'property') {
          parent.length = valueEnd - parent.offset;
          parent = parent.parent;
        }
        pos = skipWhitespace(text, valueEnd);
        if (parent === undefined) return pos === end ? (root as Node | undefined) : undefined;
        const next = text.charCodeAt(pos);
        if (next === COMMA) {
          pos++;
          expectKey = parent.type === 'object';
          break;
        }
        if (next !== (parent.type === 'object' ? CLOSE_BRACE : CLOSE_BRACKET)) return undefined;
        parent.length = pos + 1 - parent.offset;
        depth--;
        valueEnd = pos + 1;
        parent = parent.parent;
      }
    }
  }

  /**
   * Reads the string whose opening quote is at `open` into `value`; returns the offset of its
   * closing quote, or -1 when the string is not strict JSON.
   */
  private readString(open: number): number {
    const text = this.text;
    let close = text.indexOf('"', open + 1);
    if (close === -1) return -1;
    const raw = text.slice(open + 1, close);
    let escaped = false;
    if (raw.length < SCANNED_LENGTH) {
      for (let index = 0; index < raw.length && !escaped; index++) {
        const code = raw.charCodeAt(index);
        if (code < 0x20) return -1;
        escaped = code === BACKSLASH;
      }
    } else {
      const scan = scanString(raw);
      if (scan.control) return -1;
      escaped = scan.backslash;
    }
    if (!escaped) {
      this.value = raw;
      return close;
    }
    // The quote found may be escaped: the closing one is preceded by an even run of backslashes.
    for (;;) {
      let before = close - 1;
      while (text.charCodeAt(before) === BACKSLASH) before--;
      if ((close - 1 - before) % 2 === 0) break;
      close = text.indexOf('"', close + 1);
      if (close === -1) return -1;
    }
    try {
      this.value = JSON.parse(text.slice(open, close + 1)) as string;
    } catch {
      return -1;
    }
    return close;
  }
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipWhitespace(text: string, pos: number): number {
  while (isWhitespace(text.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * The end of the JSON number at `pos`, or -1 when it is not one (`1.`, `-`, `1e`). In `01` the
 * number is the `0`: the digit after it is no comma, so the reader gives up there.
 */
function numberEnd(text: string, pos: number): number {
  if (text.charCodeAt(pos) === MINUS) pos++;
  const first = text.charCodeAt(pos);
  if (first === 0x30) pos++;
  else if (isDigit(first)) while (isDigit(text.charCodeAt(pos))) pos++;
  else return -1;
  if (text.charCodeAt(pos) === DOT) {
    pos++;
    if (!isDigit(text.charCodeAt(pos))) return -1;
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  const exponent = text.charCodeAt(pos);
  if (exponent === 0x65 || exponent === 0x45) {
    pos++;
    const sign = text.charCodeAt(pos);
    if (sign === 0x2b || sign === MINUS) pos++;
    if (!isDigit(text.charCodeAt(pos))) return -1;
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  return pos;
}
