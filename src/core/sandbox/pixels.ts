import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageKind } from '../images/kind';

/** Decoded pixels: 8-bit RGBA, row-major. */
export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Above this many pixels the sandbox does not decode an image (its template then falls back to
 * the image digest): decoding in plain JavaScript blocks the server for everyone else, and the
 * synthetic samples and real captures a developer evaluates are far smaller.
 */
export const MAX_DECODED_PIXELS = 4_000_000;

/**
 * Decodes the images the sandbox can read to RGBA: JPEG (jpeg-js), PNG (pngjs) and the
 * uncompressed 8-bit TIFF that scanners and our encoder write. undefined for anything else
 * (WSQ, a compressed or exotic TIFF, a broken file): the caller falls back to the digest.
 */
export function decodePixels(bytes: Buffer, kind: ImageKind, pixelCount: number | undefined): Pixels | undefined {
  if (pixelCount === undefined || pixelCount > MAX_DECODED_PIXELS) return undefined;
  try {
    switch (kind) {
      case 'jpeg': {
        const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 4 });
        return { width: image.width, height: image.height, rgba: image.data };
      }
      case 'png': {
        const image = PNG.sync.read(bytes);
        return { width: image.width, height: image.height, rgba: new Uint8Array(image.data) };
      }
      case 'tiff':
        return decodeUncompressedTiff(bytes);
      case 'wsq':
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** Baseline, uncompressed, 8-bit grey or RGB, chunky, in one or more strips; else undefined. */
function decodeUncompressedTiff(bytes: Buffer): Pixels | undefined {
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const ifd = u32(4);
  const tags = new Map<number, number[]>();
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    const tag = u16(entry);
    const type = u16(entry + 2);
    const n = u32(entry + 4);
    const size = type === 3 ? 2 : 4;
    if (type !== 3 && type !== 4) continue;
    const at = n * size <= 4 ? entry + 8 : u32(entry + 8);
    const values: number[] = [];
    for (let j = 0; j < n; j++) values.push(size === 2 ? u16(at + j * 2) : u32(at + j * 4));
    tags.set(tag, values);
  }
  const width = tags.get(256)?.[0];
  const height = tags.get(257)?.[0];
  const compression = tags.get(259)?.[0] ?? 1;
  const samples = tags.get(277)?.[0] ?? 1;
  const bits = tags.get(258)?.[0] ?? 1;
  const offsets = tags.get(273);
  const counts = tags.get(279);
  if (!width || !height || compression !== 1 || bits !== 8 || (samples !== 1 && samples !== 3)) return undefined;
  if (!offsets || !counts || offsets.length !== counts.length) return undefined;
  const raw = Buffer.concat(offsets.map((offset, i) => bytes.subarray(offset, offset + (counts[i] as number))));
  if (raw.length < width * height * samples) return undefined;
  const whiteIsZero = tags.get(262)?.[0] === 0;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) {
      const value = raw[i * samples + (samples === 1 ? 0 : c)] as number;
      rgba[i * 4 + c] = whiteIsZero ? 255 - value : value;
    }
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}
