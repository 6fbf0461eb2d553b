import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../contract/choices';
import { ICAO_REQUIREMENTS } from '../contract/responses';
import { findFaces, probeImage } from './probe';
import { jsonReply, plainText400, type Reply } from './reply';

/** A digest byte at or above this conforms: about nine requirements in ten pass, as with a decent photo. */
const CONFORMING_BYTE = 24;
/** Below this many pixels on the short side a portrait is too coarse for ICAO (Pixelation). */
const MIN_ICAO_SIDE = 64;

interface Requirement {
  IsConformed: boolean;
  Confidence: number;
}

/**
 * Requirement i is judged from byte i of the image's SHA-256, so a given image always gets the
 * same verdicts while different images get different ones. Two rules that a client can provoke
 * on purpose override the digest: OtherFaces fails when more than one face is found, Pixelation
 * when the image is small. Confidence is a percentage (the service's scale is unknown): 50-99 for
 * a conforming requirement, below 24 for one that fails.
 */
export function checkIcao(body: { Check: { Image: string } }): Reply {
  const probe = probeImage(body.Check.Image);
  if (!probe.ok) return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
  const faces = findFaces(probe.image);
  if (faces.length === 0) return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
  const { digest, dimensions } = probe.image;
  const shortSide = Math.min(dimensions?.width ?? 0, dimensions?.height ?? 0);
  const requirements: Record<string, Requirement> = {};
  ICAO_REQUIREMENTS.forEach((name, index) => {
    const byte = digest[index] as number;
    let conformed = byte >= CONFORMING_BYTE;
    if (name === 'OtherFaces' && faces.length > 1) conformed = false;
    if (name === 'Pixelation' && shortSide < MIN_ICAO_SIDE) conformed = false;
    requirements[name] = {
      IsConformed: conformed,
      Confidence: conformed ? 50 + (byte % 50) : byte % CONFORMING_BYTE,
    };
  });
  const conformedCount = Object.values(requirements).filter((requirement) => requirement.IsConformed).length;
  return jsonReply({
    ICAO: {
      FaceImageConformed: conformedCount,
      IsAllConformed: conformedCount === ICAO_REQUIREMENTS.length,
      Requirements: requirements,
    },
  });
}

/** NFIQ 1 scale, 1 (excellent) to 5 (poor), taken from the digest: the service's scale is unknown. */
export function checkNfiq(body: { Check: { Image: string } }): Reply {
  const probe = probeImage(body.Check.Image);
  if (!probe.ok) return plainText400(SANDBOX_400_TEXTS.noFingerTemplate);
  return jsonReply({ NFIQ: { Quality: 1 + ((probe.image.digest[0] as number) % 5) } });
}
