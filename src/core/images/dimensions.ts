import { detectImageKind } from './kind';

export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * Reads an image's width and height from its header alone, so a multi-megabyte file can be
 * described (and checked against the API's expectations) without decoding it. Truncated or
 * corrupt input gives undefined rather than an exception: callers show "unknown size" then.
 */
export function readImageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  switch (detectImageKind(bytes)) {
    case 'jpeg':
      return jpegDimensions(bytes);
    case 'png':
      return pngDimensions(bytes);
    case 'tiff':
      return tiffDimensions(bytes);
    case 'wsq':
      return wsqDimensions(bytes);
    default:
      return undefined;
  }
}

function positive(width: number, height: number): ImageDimensions | undefined {
  // A zero height in a JPEG frame means "given later by a DNL marker": not knowable from the header.
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface MarkerGrammar {
  isFrame(marker: number): boolean;
  /** Markers with no length field after them. */
  isStandalone(marker: number): boolean;
  /** Markers after which entropy-coded data starts, or the image ends: a frame can no longer follow. */
  endsHeader(marker: number): boolean;
}

/**
 * JPEG and WSQ share the marker syntax (0xFF, marker byte, big-endian length that counts itself).
 * Returns the offset of the frame header's payload, just past its length field.
 */
export function findFrame(bytes: Uint8Array, grammar: MarkerGrammar): number | undefined {
  let offset = 2; // past SOI
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker.
    while (offset < bytes.length && bytes[offset] === 0xff) offset++;
    const marker = bytes[offset];
    if (marker === undefined || marker === 0x00) return undefined;
    offset++;
    if (grammar.isStandalone(marker)) continue;
    if (grammar.endsHeader(marker) || offset + 2 > bytes.length) return undefined;
    const length = view(bytes).getUint16(offset);
    if (length < 2) return undefined;
    if (grammar.isFrame(marker)) return offset + 2;
    offset += length;
  }
  return undefined;
}

const JPEG: MarkerGrammar = {
  // SOF0..SOF15; C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but are not frames.
  isFrame: (m) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc,
  isStandalone: (m) => m === 0x01 || (m >= 0xd0 && m <= 0xd8),
  endsHeader: (m) => m === 0xd9 || m === 0xda,
};

const WSQ: MarkerGrammar = {
  isFrame: (m) => m === 0xa2,
  isStandalone: (m) => m === 0xa0,
  endsHeader: (m) => m === 0xa1 || m === 0xa3, // EOI, start of block
};

function jpegDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const frame = findFrame(bytes, JPEG);
  // Frame header: precision(1) height(2) width(2).
  if (frame === undefined || frame + 5 > bytes.length) return undefined;
  const data = view(bytes);
  return positive(data.getUint16(frame + 3), data.getUint16(frame + 1));
}

function wsqDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const frame = findFrame(bytes, WSQ);
  // Frame header: black(1) white(1) height(2) width(2).
  if (frame === undefined || frame + 6 > bytes.length) return undefined;
  const data = view(bytes);
  return positive(data.getUint16(frame + 4), data.getUint16(frame + 2));
}

function pngDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  // IHDR must be the first chunk: length(4) at 8, type at 12, width at 16, height at 20.
  if (bytes.length < 24) return undefined;
  const isIhdr = bytes[12] === 0x49 && bytes[13] === 0x48 && bytes[14] === 0x44 && bytes[15] === 0x52;
  if (!isIhdr) return undefined;
  const data = view(bytes);
  return positive(data.getUint32(16), data.getUint32(20));
}

const TIFF_SHORT = 3;
const TIFF_LONG = 4;
const TAG_IMAGE_WIDTH = 256;
const TAG_IMAGE_LENGTH = 257;

function tiffDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 8) return undefined;
  const data = view(bytes);
  const little = bytes[0] === 0x49;
  const ifd = data.getUint32(4, little);
  if (ifd + 2 > bytes.length) return undefined;
  const count = data.getUint16(ifd, little);
  let width: number | undefined;
  let height: number | undefined;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > bytes.length) return undefined;
    const tag = data.getUint16(entry, little);
    if (tag !== TAG_IMAGE_WIDTH && tag !== TAG_IMAGE_LENGTH) continue;
    const type = data.getUint16(entry + 2, little);
    // Values that fit in four bytes sit left-justified in the entry's value field.
    let value: number;
    if (type === TIFF_SHORT) value = data.getUint16(entry + 8, little);
    else if (type === TIFF_LONG) value = data.getUint32(entry + 8, little);
    else return undefined;
    if (tag === TAG_IMAGE_WIDTH) width = value;
    else height = value;
  }
  return width === undefined || height === undefined ? undefined : positive(width, height);
}
