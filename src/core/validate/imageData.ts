import type { Node } from 'jsonc-parser';
import { KNOWN_400_TEXTS } from '../contract/choices';
import { type ImageDimensions, readImageDimensions } from '../images/dimensions';
import { detectImageKind, type ImageKind } from '../images/kind';
import { l10n } from '../l10n';
import { formatSize } from '../redact';
import { decodedLength, decodePrefix, scanBase64 } from './base64';
import type { ValidationContext } from './context';
import type { ImageExpectation } from './imageExpectation';
import { describePath, quote, rangeOf, stringOffset, stringRange } from './jsonText';
import { oneOf } from './messages';
import { LongStringCache } from './scanCache';
import type { JsonPath, RequestDiagnostic } from './types';

/** Base64 decoded to find the kind and the size: 48 KB of image, past any ordinary header. */
const HEADER_CHARACTERS = 64 * 1024;
/** A JPEG's frame header may follow EXIF, XMP and ICC segments of up to 64 KB each. */
const EXTENDED_HEADER_CHARACTERS = 512 * 1024;
/** Below this no face or ridge detail survives: the API cannot extract a template. */
const MIN_SIDE = 32;
/** Face matching works on a few hundred pixels across the face; more only slows the upload. */
const MAX_FACE_SIDE = 4096;

/** How far the comma that ends a data URI's `data:image/...;base64,` prefix is looked for. */
const DATA_URI_MAX_PREFIX = 256;

function cannotDecode(): string {
  return l10n.t('The API cannot decode it and answers 400.');
}

/**
 * Checks a base64 image without decoding it whole: one table pass over the text, its length for
 * the decoded size, and a bounded prefix decoded for the magic bytes and the header.
 */
export function checkBase64Image(
  node: Node,
  expectation: ImageExpectation,
  path: JsonPath,
  ctx: ValidationContext,
): void {
  const value = typeof node.value === 'string' ? node.value : '';
  const where = describePath(path);
  const report = (diagnostic: RequestDiagnostic) => ctx.report(diagnostic, path);
  if (value.length === 0) {
    report({
      severity: 'error',
      code: 'base64-empty',
      message: l10n.t(
        '{0} is empty: it must hold the base64 of {1}. The API refuses an empty image with a 400.',
        where,
        expectation.labelWithArticle,
      ),
      ...rangeOf(node),
    });
    return;
  }

  let start = 0;
  if (value.length >= 5 && value.slice(0, 5).toLowerCase() === 'data:') {
    const comma = value.slice(0, DATA_URI_MAX_PREFIX).indexOf(',');
    if (comma === -1) {
      report({
        severity: 'error',
        code: 'base64-data-uri',
        message: l10n.t(
          '{0} starts like a data URI ("data:") but has no comma before the data. The API takes raw base64 only and answers 400 to anything else.',
          where,
        ),
        ...stringRange(ctx.text, node, 0, 5),
      });
      return;
    }
    start = comma + 1;
    const prefix = stringRange(ctx.text, node, 0, start);
    report({
      severity: 'error',
      code: 'base64-data-uri',
      message: l10n.t(
        "{0} starts with the data URI prefix {1}. The API takes raw base64 only and answers 400 to the prefix (the vendor's SDK strips it before sending).",
        where,
        quote(value.slice(0, start)),
      ),
      ...prefix,
      fix: { title: l10n.t('Remove the data: prefix'), edits: [{ ...prefix, newText: '' }] },
    });
    if (start === value.length) return;
  }

  const data = start === 0 ? value : value.slice(start);
  const scan = scanBase64(data);
  if (scan.kind === 'invalid') {
    report(invalidCharacter(ctx.text, node, value, start + scan.at, where));
    return;
  }
  if (scan.kind === 'padding-inside' || scan.kind === 'too-much-padding') {
    const inside = scan.kind === 'padding-inside';
    report({
      severity: 'error',
      code: 'base64-padding',
      message: inside
        ? l10n.t(
            '{0}: "=" padding in the middle of the data, at character {1}: "=" may only end base64 (two images pasted together?). {2}',
            where,
            start + scan.at + 1,
            cannotDecode(),
          )
        : l10n.t('{0} ends with more than two "=": base64 padding is one or two. {1}', where, cannotDecode()),
      ...stringRange(ctx.text, node, start + scan.at, start + scan.at + scan.length),
    });
    return;
  }

  const remainder = data.length % 4;
  if (remainder !== 0) report(lengthDiagnostic(ctx.text, node, value, remainder, scan.padding, where));

  const byteCount = decodedLength(data.length, scan.padding);
  if (byteCount > ctx.maxImageBytes) {
    report({
      severity: 'error',
      code: 'image-too-large',
      message: l10n.t(
        '{0} decodes to {1}, over the {2} limit: this tool refuses to send it. BioPass ID publishes no limit; a face JPEG is typically 50-500 KB, a fingerprint under 1 MB.',
        where,
        formatSize(byteCount),
        formatSize(ctx.maxImageBytes),
      ),
      ...rangeOf(node),
    });
  }
  if (expectation.kinds.length === 0) return;
  checkImageHeader(node, data, expectation, where, report);
}

function invalidCharacter(text: string, node: Node, value: string, index: number, where: string): RequestDiagnostic {
  const codePoint = value.codePointAt(index) ?? 0;
  const character = String.fromCodePoint(codePoint);
  const position = index + 1;
  let message: string;
  if (character === '-' || character === '_') {
    message = l10n.t(
      '{0}: "{1}" at character {2} belongs to base64url. The API takes standard base64, which writes "+" and "/" for "-" and "_". {3}',
      where,
      character,
      position,
      cannotDecode(),
    );
  } else if (character === ' ' || character === '\n' || character === '\r' || character === '\t') {
    message = l10n.t(
      '{0}: whitespace ({1}) at character {2}: base64 must be one unbroken string (was it line-wrapped? use base64 -w0). {3}',
      where,
      JSON.stringify(character),
      position,
      cannotDecode(),
    );
  } else {
    message = l10n.t(
      '{0}: {1} at character {2} is not base64 (A-Z, a-z, 0-9, "+", "/", and "=" only at the end). {3}',
      where,
      JSON.stringify(character),
      position,
      cannotDecode(),
    );
  }
  return {
    severity: 'error',
    code: 'base64-alphabet',
    message,
    ...stringRange(text, node, index, index + character.length),
  };
}

function lengthDiagnostic(
  text: string,
  node: Node,
  value: string,
  remainder: number,
  padding: number,
  where: string,
): RequestDiagnostic {
  const range = stringRange(text, node, value.length - remainder, value.length);
  if (padding === 0 && remainder >= 2) {
    const missing = '='.repeat(4 - remainder);
    return {
      severity: 'error',
      code: 'base64-padding',
      message: l10n.t(
        '{0}: the base64 length is not a multiple of 4; the closing "{1}" padding is missing. Strict base64 decoders refuse it; expect a 400 from the API.',
        where,
        missing,
      ),
      ...range,
      fix: {
        title: l10n.t('Add the "{0}" padding', missing),
        edits: [{ offset: stringOffset(text, node, value.length), length: 0, newText: missing }],
      },
    };
  }
  return {
    severity: 'error',
    code: 'base64-length',
    message: l10n.t(
      '{0}: the base64 length is not a multiple of 4: the data is truncated or holds a stray character. {1}',
      where,
      cannotDecode(),
    ),
    ...range,
  };
}

/** What the start of an image's base64 tells, decoded once and remembered for the next validation. */
interface ImageHeader {
  /** The first bytes, enough to name a format or show them in a message. */
  start: Uint8Array;
  kind: ImageKind | undefined;
  dimensions: ImageDimensions | undefined;
}

const headers = new LongStringCache<ImageHeader>();

function readHeader(data: string): ImageHeader {
  const header = decodePrefix(data, HEADER_CHARACTERS);
  const kind = detectImageKind(header);
  let dimensions = kind === undefined ? undefined : readImageDimensions(header);
  if (dimensions === undefined && kind === 'jpeg' && data.length > HEADER_CHARACTERS) {
    dimensions = readImageDimensions(decodePrefix(data, EXTENDED_HEADER_CHARACTERS));
  }
  return { start: Uint8Array.from(header.subarray(0, 16)), kind, dimensions };
}

function checkImageHeader(
  node: Node,
  data: string,
  expectation: ImageExpectation,
  where: string,
  report: (diagnostic: RequestDiagnostic) => void,
): void {
  const { start, kind, dimensions } = headers.get(data, readHeader);
  const expected = oneOf(expectation.kinds.map(kindName));
  if (kind === undefined) {
    const other = otherFormat(start);
    report({
      severity: 'error',
      code: 'image-not-an-image',
      message:
        other === undefined
          ? l10n.t(
              '{0} does not hold an image: its bytes start with {1}, not the header of a {2} file. The API cannot read it and answers 400.',
              where,
              hex(start),
              expected,
            )
          : l10n.t(
              '{0} holds a {1} file, which the API does not read: convert it to {2}. The API answers 400.',
              where,
              other,
              expected,
            ),
      ...rangeOf(node),
    });
    return;
  }
  if (!expectation.kinds.includes(kind)) {
    report({
      severity: 'warning',
      code: 'image-unexpected-kind',
      message: l10n.t(
        '{0} holds a {1} image, but {2} is sent as {3}. The API may fail to read it (400).',
        where,
        kindName(kind),
        expectation.labelWithArticle,
        expected,
      ),
      ...rangeOf(node),
    });
  }
  const wholeDataDecoded = data.length <= HEADER_CHARACTERS;
  if (dimensions === undefined) {
    if (wholeDataDecoded) {
      report({
        severity: 'warning',
        code: 'image-header-unreadable',
        message: l10n.t(
          '{0}: the {1} header is truncated or corrupt, so its size cannot be read. The API will most likely fail to decode it (400).',
          where,
          kindName(kind),
        ),
        ...rangeOf(node),
      });
    }
    return;
  }
  checkDimensions(node, dimensions, expectation, where, report);
}

function checkDimensions(
  node: Node,
  { width, height }: ImageDimensions,
  expectation: ImageExpectation,
  where: string,
  report: (diagnostic: RequestDiagnostic) => void,
): void {
  const size = l10n.t('{0}×{1} pixels', width, height);
  if (Math.min(width, height) < MIN_SIDE) {
    report({
      severity: 'warning',
      code: 'image-too-small',
      message: l10n.t(
        '{0} is only {1}: too small to hold a usable {2}. The API will most likely fail to extract a template (400 "{3}" for a face).',
        where,
        size,
        expectation.label,
        KNOWN_400_TEXTS.noFaceTemplate,
      ),
      ...rangeOf(node),
    });
  } else if (expectation.faceOnly && Math.max(width, height) > MAX_FACE_SIDE) {
    report({
      severity: 'info',
      code: 'image-oversized',
      message: l10n.t(
        '{0} is {1}, far more than face matching uses (a few hundred pixels across the face). BioPass ID publishes no size limit, but the upload is slower; consider downscaling to about 1000 pixels.',
        where,
        size,
      ),
      ...rangeOf(node),
    });
  }
}

function kindName(kind: ImageKind): string {
  return kind.toUpperCase();
}

function hex(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** Formats people paste that are images, or documents, but not ones the API reads: named in the message. */
function otherFormat(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (ascii(0, 4) === 'GIF8') return 'GIF';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WebP';
  if (ascii(0, 2) === 'BM') return 'BMP';
  if (ascii(0, 5) === '%PDF-') return 'PDF';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    return brand.startsWith('avi') ? 'AVIF' : brand.startsWith('he') || brand === 'mif1' ? 'HEIC' : undefined;
  }
  if (ascii(0, 4) === '\u0000\u0000\u0000\u000c' && ascii(4, 8) === 'jP  ') return 'JPEG 2000';
  return undefined;
}
