import { SANDBOX_MATCH_SCORE } from '../contract/choices';
import { cosine, faceFeature, fingerFeature, quantise } from './features';
import { decodePixels } from './pixels';
import { type ProbedImage, sha256 } from './probe';

/**
 * The sandbox's stand-in for biometric templates, identity-aware: a template is a small feature
 * vector computed from the decoded pixels (src/core/sandbox/features.ts), so two photos of one
 * synthetic person score high and two persons score low, with overlap between the two, as with
 * a real matcher. An image the sandbox cannot decode (WSQ, a compressed TIFF, one too large to
 * decode) gets a template from its SHA-256 instead: only the very same file matches it.
 *
 * One rule scores every comparison, in match, verify and extract alike: `scoreTemplates`.
 */
export type Modality = 'FACE' | 'FINGER';

/** The magic opening a template blob, so it is recognisable in a hex dump. */
const TEMPLATE_MAGIC = Buffer.from('BPSBTPL2', 'latin1');
const FEATURE = 0x46; // 'F': a quantised feature vector follows
const DIGEST = 0x44; // 'D': the image's SHA-256 follows

/** Features per image digest and modality: re-sending an image (a batch, a bench) decodes it once. */
const CACHE_SIZE = 512;
const featureCache = new Map<string, Int8Array | null>();

function featureOf(modality: Modality, image: ProbedImage): Int8Array | undefined {
  const key = `${modality}:${image.digest.toString('hex')}`;
  const cached = featureCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const { width, height } = image.dimensions ?? { width: 0, height: 0 };
  const pixels = image.dimensions ? decodePixels(image.bytes, image.kind, width * height) : undefined;
  const feature = pixels ? quantise(modality === 'FACE' ? faceFeature(pixels) : fingerFeature(pixels)) : undefined;
  if (featureCache.size >= CACHE_SIZE) featureCache.delete(featureCache.keys().next().value as string);
  featureCache.set(key, feature ?? null);
  return feature;
}

/** The template of an image: the same image, modality and format always give the same bytes. */
export function templateOf(modality: Modality, format: string, image: ProbedImage): Buffer {
  const feature = featureOf(modality, image);
  return Buffer.concat([
    TEMPLATE_MAGIC,
    Buffer.from(`${modality}:${format}:`, 'latin1'),
    feature ? Buffer.from([FEATURE]) : Buffer.from([DIGEST]),
    feature ? Buffer.from(feature.buffer, feature.byteOffset, feature.byteLength) : image.digest,
  ]);
}

/** A stable id for a person, like the BioPassID the service assigns: derived, never random. */
export function bioPassIdOf(customId: string, templates: readonly Buffer[]): string {
  return sha256(customId, '\0', ...templates.flatMap((template) => [template, '\0']))
    .toString('hex')
    .slice(0, 12);
}

interface ParsedTemplate {
  header: string;
  kind: number;
  payload: Buffer;
}

function parseTemplate(blob: Buffer): ParsedTemplate | undefined {
  if (blob.length <= TEMPLATE_MAGIC.length || !blob.subarray(0, TEMPLATE_MAGIC.length).equals(TEMPLATE_MAGIC)) {
    return undefined;
  }
  let colons = 0;
  let at = TEMPLATE_MAGIC.length;
  while (at < blob.length && colons < 2) if (blob[at++] === 0x3a) colons++;
  if (colons < 2 || at >= blob.length) return undefined;
  return {
    header: blob.toString('latin1', TEMPLATE_MAGIC.length, at),
    kind: blob[at] as number,
    payload: blob.subarray(at + 1),
  };
}

export interface MatchOutcome {
  IsGenuine: boolean;
  Score: number;
}

/**
 * The score of two templates, in [SANDBOX_MATCH_SCORE.min, max], symmetric in A and B:
 * 100 for identical templates; for two feature vectors 100 * max(0, cosine)^EXPONENT, rounded to
 * one decimal (the power spreads the top of the cosine range, where photos of one person fall,
 * over the scale); for anything else (a digest template, bytes that are no template of ours, two
 * modalities or formats) a low number derived from both, below every threshold that makes sense.
 */
export function scoreTemplates(a: Buffer, b: Buffer): number {
  if (a.length > 0 && a.equals(b)) return SANDBOX_MATCH_SCORE.max;
  const left = parseTemplate(a);
  const right = parseTemplate(b);
  if (left && right && left.header === right.header && left.kind === FEATURE && right.kind === FEATURE) {
    const similarity = cosine(asInt8(left.payload), asInt8(right.payload));
    return Math.round(1000 * Math.max(0, similarity) ** SANDBOX_MATCH_SCORE.exponent) / 10;
  }
  const [first, second] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  return (sha256(first, second)[0] as number) % 20;
}

export function matchTemplates(a: Buffer, b: Buffer): MatchOutcome {
  const score = scoreTemplates(a, b);
  return { IsGenuine: score >= SANDBOX_MATCH_SCORE.verifyThreshold, Score: score };
}

function asInt8(bytes: Buffer): Int8Array {
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
