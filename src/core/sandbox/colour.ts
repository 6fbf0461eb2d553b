import type { ImageKind } from '../images/kind';

/**
 * Whether an image is stored with one grey channel, read from its header. The sandbox's
 * liveness check calls such a face a spoof: a black-and-white print or screen held up to the
 * camera is the textbook presentation attack, and a live capture from a phone or webcam is colour.
 */
export function isGrayscaleEncoded(bytes: Uint8Array, kind: ImageKind): boolean {
  switch (kind) {
    case 'png':
      // IHDR colour type: 0 grey, 4 grey with alpha.
      return bytes[25] === 0 || bytes[25] === 4;
    case 'jpeg':
      return jpegComponentCount(bytes) === 1;
    case 'tiff':
      return tiffIsGrey(bytes);
    case 'wsq':
      // WSQ holds greyscale fingerprints only.
      return true;
  }
}

function jpegComponentCount(bytes: Uint8Array): number | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    // Frame payload: precision(1) height(2) width(2) component count(1).
    if (isFrame) return bytes[offset + 9];
    offset += 2 + length;
  }
  return undefined;
}

const TAG_PHOTOMETRIC = 262;
const TAG_SAMPLES_PER_PIXEL = 277;

function tiffIsGrey(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const ifd = data.getUint32(4, little);
  if (ifd + 2 > bytes.length) return false;
  const count = data.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > bytes.length) return false;
    const tag = data.getUint16(entry, little);
    // Both are SHORTs, left-justified in the value field.
    if (tag === TAG_PHOTOMETRIC) return data.getUint16(entry + 8, little) <= 1;
    if (tag === TAG_SAMPLES_PER_PIXEL) return data.getUint16(entry + 8, little) === 1;
  }
  return false;
}
