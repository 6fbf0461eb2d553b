import { createHash } from 'node:crypto';
import { decodeStrictBase64 } from '../base64';
import { type ImageDimensions, readImageDimensions } from '../images/dimensions';
import { detectImageKind, type ImageKind } from '../images/kind';
import { isGrayscaleEncoded } from './colour';

/**
 * What the sandbox "sees" in an uploaded image: its header and a SHA-256 of the bytes, from which
 * every answer but a template is derived (the same image always gets the same answer, and two
 * different images almost never do). Templates alone decode the pixels (templates.ts).
 */
export interface ProbedImage {
  bytes: Buffer;
  kind: ImageKind;
  /** undefined when the header cannot be read (a truncated or corrupt file). */
  dimensions: ImageDimensions | undefined;
  grayscale: boolean;
  digest: Buffer;
}

export type ProbeResult = { ok: true; image: ProbedImage } | { ok: false; reason: 'invalid-base64' | 'not-an-image' };

/** Below this many pixels on the short side no face can be found, as with a thumbnail or an icon. */
export const MIN_FACE_SIDE = 32;

export function sha256(...parts: (string | Uint8Array)[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function probeImage(base64: string): ProbeResult {
  const bytes = decodeStrictBase64(base64);
  if (bytes === undefined) return { ok: false, reason: 'invalid-base64' };
  const kind = detectImageKind(bytes);
  if (kind === undefined) return { ok: false, reason: 'not-an-image' };
  return {
    ok: true,
    image: {
      bytes,
      kind,
      dimensions: readImageDimensions(bytes),
      grayscale: isGrayscaleEncoded(bytes, kind),
      digest: sha256(bytes),
    },
  };
}

export interface FaceRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the sandbox "finds" faces: none when the header is unreadable or the image is tiny; two
 * side by side when the image is at least twice as wide as tall (a group shot), so clients can
 * exercise the multiple-faces path; otherwise one, in the central oval where the synthetic
 * sample faces are drawn.
 */
export function findFaces(image: ProbedImage): FaceRect[] {
  const size = image.dimensions;
  if (size === undefined || Math.min(size.width, size.height) < MIN_FACE_SIDE) return [];
  const frame = (left: number, width: number): FaceRect => ({
    x: Math.round(left + 0.18 * width),
    y: Math.round(0.08 * size.height),
    width: Math.round(0.64 * width),
    height: Math.round(0.84 * size.height),
  });
  if (size.width >= 2 * size.height) {
    const half = size.width / 2;
    return [frame(0, half), frame(half, half)];
  }
  return [frame(0, size.width)];
}
