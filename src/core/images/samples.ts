import { drawSyntheticFingerprint } from './fingerprint';
import { encodeJpeg } from './jpeg';
import { encodePng } from './png';
import { drawSyntheticFace } from './synthetic';
import { encodeTiff } from './tiff';

/**
 * Ready-to-send synthetic sample images, in the formats users actually send: faces as JPEG or
 * PNG, fingerprints as grayscale TIFF or PNG. The same variant always gives the same bytes, and
 * different variants give different images, so tests can tell a match from a non-match.
 */
export function sampleFaceJpeg(variant: number, size = 160): Buffer {
  return encodeJpeg(size, size, drawSyntheticFace({ size, variant }));
}

export function sampleFacePng(variant: number, size = 160): Buffer {
  return encodePng(size, size, drawSyntheticFace({ size, variant }));
}

export function sampleFingerprintTiff(variant: number, size = 128): Buffer {
  return encodeTiff(size, size, drawSyntheticFingerprint({ size, variant }), { grayscale: true });
}

export function sampleFingerprintPng(variant: number, size = 128): Buffer {
  return encodePng(size, size, drawSyntheticFingerprint({ size, variant }));
}
