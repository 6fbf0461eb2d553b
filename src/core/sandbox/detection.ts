import { KNOWN_400_TEXTS } from '../contract/choices';
import { findFaces, probeImage } from './probe';
import { jsonReply, plainText400, type Reply } from './reply';

export function detectFaces(body: { Check: { Image: string } }): Reply {
  const probe = probeImage(body.Check.Image);
  if (!probe.ok) return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
  const faces = findFaces(probe.image);
  return jsonReply({ DetectedFaces: { FaceNumber: faces.length, FaceRects: faces } });
}

/** Below this width a face carries too little skin texture to pass as live. */
export const MIN_LIVE_WIDTH = 64;

/**
 * Liveness answers every problem in-band, as a 200 with `Success: false` and a `result` text (the
 * texts the vendor's SDK knows), rather than with the plain-text 400 of the other operations.
 * That covers a body that is not valid JSON or not the Spoof envelope, so this takes the body
 * before schema validation. The spoof rule is deterministic: a face image stored as greyscale
 * (a black-and-white print or screen held up to the camera) or narrower than MIN_LIVE_WIDTH pixels
 * is a spoof; any other face image is live.
 */
export function checkLiveness(body: unknown): Reply {
  const image = imageOf(body);
  if (image.kind === 'invalid') return failure('Invalid JSON format');
  if (image.kind === 'missing') return failure('Image (base64) not found');
  const probe = probeImage(image.base64);
  if (!probe.ok) return failure(probe.reason === 'invalid-base64' ? 'Invalid base64 string' : 'No Faces Detected');
  const faces = findFaces(probe.image);
  if (faces.length === 0) return failure('No Faces Detected');
  if (faces.length > 1) return failure('Multiple Faces Detected');
  const width = probe.image.dimensions?.width ?? 0;
  return jsonReply({ Success: true, result: 'Ok', spoof: probe.image.grayscale || width < MIN_LIVE_WIDTH });
}

function failure(result: string): Reply {
  return jsonReply({ Success: false, result });
}

type SpoofImage = { kind: 'invalid' } | { kind: 'missing' } | { kind: 'image'; base64: string };

/** Mirrors the wire schema (strict objects, a string Image) but tells a missing image apart. */
function imageOf(body: unknown): SpoofImage {
  if (!isPlainObject(body) || !hasOnlyKeys(body, ['Spoof']) || !isPlainObject(body.Spoof)) return { kind: 'invalid' };
  const spoof = body.Spoof;
  if (!hasOnlyKeys(spoof, ['Image'])) return { kind: 'invalid' };
  const image = spoof.Image;
  if (image === undefined || image === '') return { kind: 'missing' };
  return typeof image === 'string' ? { kind: 'image', base64: image } : { kind: 'invalid' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}
