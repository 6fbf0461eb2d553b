import { alphabetRun, type Base64Scan, base64From } from '../base64';
import { LongStringCache } from './scanCache';

export { type Base64Scan, decodedLength, decodePrefix } from '../base64';

/** What one pass over a string's characters tells: read as base64, and how JSON may hold it. */
export interface StringScan {
  base64: Base64Scan;
  /** A control character (below U+0020) occurs: raw inside a JSON string, it is a syntax error. */
  control: boolean;
  /** A backslash occurs: inside a JSON string, it starts an escape. */
  backslash: boolean;
}

const scans = new LongStringCache<StringScan>();

/**
 * Scans a string once, remembering the result of a long one for the next validation (see
 * LongStringCache): the JSON reader asks whether an image holds control characters or escapes,
 * then the image check asks whether it is base64, and neither rescans an image that an edit left
 * unchanged.
 */
export function scanString(text: string): StringScan {
  return scans.get(text, scanUncached);
}

/** Checks a base64 text: valid, or its first problem (see scanBase64Text in src/core/base64.ts). */
export function scanBase64(data: string): Base64Scan {
  return scanString(data).base64;
}

/** Texts are read for specials in chunks of this many characters (see src/core/base64.ts). */
const CHUNK = 64 * 1024;
const scratch = Buffer.allocUnsafeSlow(CHUNK);

function scanUncached(text: string): StringScan {
  const stop = alphabetRun(text);
  return { base64: base64From(text, stop), ...specialsFrom(text, stop) };
}

const BACKSLASH = 0x5c;

/**
 * Whether a control character or a backslash occurs from `from` on (before it, all are base64).
 * Latin-1 bytes keep one byte per character, so indexes line up; a character above U+00FF keeps
 * only its low byte, so a byte that looks special is confirmed on the character itself.
 */
function specialsFrom(text: string, from: number): { control: boolean; backslash: boolean } {
  let control = false;
  let backslash = false;
  for (let start = from; start < text.length && !(control && backslash); start += CHUNK) {
    const count = scratch.write(text.slice(start, start + CHUNK), 0, 'latin1');
    for (let index = 0; index < count; index++) {
      const byte = scratch[index] as number;
      if (byte < 0x20) control ||= text.charCodeAt(start + index) < 0x20;
      else if (byte === BACKSLASH) backslash ||= text.charCodeAt(start + index) === BACKSLASH;
    }
  }
  return { control, backslash };
}
