import { KNOWN_400_TEXTS } from '../contract/choices';
import { encodeJpeg } from '../images/jpeg';
import type { ImageKind } from '../images/kind';
import { encodePng } from '../images/png';
import { drawSyntheticFace } from '../images/synthetic';
import { type FaceRect, findFaces, probeImage } from './probe';
import { jsonReply, plainText400, type Reply } from './reply';

/**
 * The operations that answer with an image. The sandbox does not decode the pixels it receives,
 * so it paints its answers: real, valid image files of the expected shape, derived only from the
 * input's header and digest. The long side is capped: encoding a JPEG in plain JavaScript takes
 * about 0.8 s at 1024 px and 3.5 s at 2048 px, time during which the sandbox answers no one else.
 */
export const MAX_RENDERED_SIDE = 1024;

const BACKGROUND = [232, 238, 244] as const;
/** The skin tones the mosaic is built around, picked by the digest. */
const SKIN_TONES = [
  [224, 172, 105],
  [141, 85, 36],
  [255, 219, 172],
  [198, 134, 66],
] as const;

/**
 * The anonymised image has the input's dimensions (scaled down past MAX_RENDERED_SIDE), a neutral
 * background and each detected face replaced by a coarse mosaic of skin-toned blocks. Nothing of
 * the input survives, which is the point of anonymising. With no face found, the frame is blank.
 */
export function anonymize(body: { Check: { Image: string } }): Reply {
  const probe = probeImage(body.Check.Image);
  if (!probe.ok || probe.image.dimensions === undefined) return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
  const { digest, dimensions, kind } = probe.image;
  const scale = Math.min(1, MAX_RENDERED_SIDE / Math.max(dimensions.width, dimensions.height));
  const width = Math.max(1, Math.round(dimensions.width * scale));
  const height = Math.max(1, Math.round(dimensions.height * scale));
  const rgba = filled(width, height, BACKGROUND);
  const tone = SKIN_TONES[(digest[0] as number) % SKIN_TONES.length] ?? SKIN_TONES[0];
  for (const face of findFaces(probe.image)) paintMosaic(rgba, width, scaled(face, scale), tone, digest);
  return jsonReply({ FaceAnonymizer: { Image: encodeLike(kind, width, height, rgba).toString('base64') } });
}

/**
 * The ICAO crop is a 3:4 portrait as large as fits in the input (capped), holding one of the
 * synthetic faces picked by the digest: the same input always crops to the same picture.
 */
export function cropToIcao(body: { Check: { Image: string } }): Reply {
  const probe = probeImage(body.Check.Image);
  if (!probe.ok) return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
  const { dimensions, digest, kind } = probe.image;
  if (dimensions === undefined || findFaces(probe.image).length === 0) {
    return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
  }
  const width = Math.min(
    dimensions.width,
    Math.floor((dimensions.height * 3) / 4),
    Math.floor((MAX_RENDERED_SIDE * 3) / 4),
  );
  const height = Math.round((width * 4) / 3);
  const face = drawSyntheticFace({ size: width, variant: (digest[0] as number) % 12 });
  const rgba = filled(width, height, BACKGROUND);
  // The square face sits in the middle of the taller portrait frame.
  rgba.set(face, Math.floor((height - width) / 2) * width * 4);
  return jsonReply({ IcaoCropedImage: { Image: encodeLike(kind, width, height, rgba).toString('base64') } });
}

/** Answers in the caller's format when the sandbox can write it (JPEG or PNG), PNG otherwise. */
function encodeLike(kind: ImageKind, width: number, height: number, rgba: Uint8Array): Buffer {
  return kind === 'jpeg' ? encodeJpeg(width, height, rgba) : encodePng(width, height, rgba);
}

function filled(width: number, height: number, colour: readonly [number, number, number]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([colour[0], colour[1], colour[2], 255], i);
  return rgba;
}

function scaled(rect: FaceRect, scale: number): FaceRect {
  return {
    x: Math.floor(rect.x * scale),
    y: Math.floor(rect.y * scale),
    width: Math.max(1, Math.floor(rect.width * scale)),
    height: Math.max(1, Math.floor(rect.height * scale)),
  };
}

function paintMosaic(
  rgba: Uint8Array,
  imageWidth: number,
  rect: FaceRect,
  tone: readonly [number, number, number],
  digest: Buffer,
): void {
  // About eight blocks across the face: coarse enough that no feature survives.
  const block = Math.max(2, Math.ceil(rect.width / 8));
  const imageHeight = rgba.length / 4 / imageWidth;
  for (let y = rect.y; y < Math.min(rect.y + rect.height, imageHeight); y++) {
    for (let x = rect.x; x < Math.min(rect.x + rect.width, imageWidth); x++) {
      const cell = Math.floor((y - rect.y) / block) * 8 + Math.floor((x - rect.x) / block);
      const shade = ((digest[cell % digest.length] as number) % 41) - 20;
      const offset = (y * imageWidth + x) * 4;
      rgba[offset] = clamp(tone[0] + shade);
      rgba[offset + 1] = clamp(tone[1] + shade);
      rgba[offset + 2] = clamp(tone[2] + shade);
    }
  }
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, value));
}
