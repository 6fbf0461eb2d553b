import { detectImageKind, IMAGE_FILE_EXTENSIONS, type ImageKind } from '../images/kind';
import { DEFAULT_BASE64_THRESHOLD } from '../redact';

/**
 * Inline base64 longer than this is never pasted into generated code: the code reads the image
 * from a file instead. The same threshold as redaction, so code and logs agree on what is "large".
 */
export const INLINE_BASE64_LIMIT = DEFAULT_BASE64_THRESHOLD;

const DATA_URL_PREFIX = /^data:[^,]{0,200};base64,/i;
/** Standard or URL-safe alphabet, line breaks allowed, padding only at the end. */
const BASE64_TEXT = /^[A-Za-z0-9+/_\-\s]+={0,2}\s*$/;

/**
 * Whether a string of a request is inline image data too long to paste: over the limit and base64
 * (an optional `data:` prefix allowed). Other long strings are not images and are kept as written.
 */
export function isLargeInlineBase64(value: string): boolean {
  return value.length > INLINE_BASE64_LIMIT && BASE64_TEXT.test(value.replace(DATA_URL_PREFIX, ''));
}

/** The kind of image an inline base64 string holds, from the magic bytes of a decoded prefix. */
export function inlineImageKind(value: string): ImageKind | undefined {
  const head = value.replace(DATA_URL_PREFIX, '').slice(0, 256).replace(/\s+/g, '').slice(0, 64);
  const whole = head.slice(0, head.length - (head.length % 4));
  return detectImageKind(Buffer.from(whole, 'base64'));
}

/** Where the user is asked to save an inline image: its field and kind, e.g. `face-1.jpg`, `finger-2.tif`. */
export function placeholderFileName(name: string, kind: ImageKind | undefined): string {
  return `${name}${kind === undefined ? '.bin' : IMAGE_FILE_EXTENSIONS[kind]}`;
}

/** What an inline image is, in words, for the comment that asks the user to save it. */
export function describeInlineKind(kind: ImageKind | undefined): string {
  return kind === undefined ? 'base64 data of no known image kind' : `${kind.toUpperCase()} image`;
}
