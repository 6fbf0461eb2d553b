import { sha256 } from './probe';

/**
 * The sandbox's stand-in for biometric templates. A template is the SHA-256 of the image bytes,
 * so the exact enrolled image matches and any other image (even a re-encoding of the same
 * picture) does not: enough to test a client's match and non-match paths deterministically.
 */
export type Modality = 'FACE' | 'FINGER';

export function templateOf(imageDigest: Buffer): string {
  return imageDigest.toString('hex');
}

/** A stable id for a person, like the BioPassID the service assigns: derived, never random. */
export function bioPassIdOf(customId: string, templates: readonly string[]): string {
  return sha256(customId, '\0', ...templates.map((template) => `${template}\0`))
    .toString('hex')
    .slice(0, 12);
}

/** The magic opening an extracted template blob, so it is recognisable in a hex dump. */
const TEMPLATE_MAGIC = Buffer.from('BPSBTPL1', 'latin1');

/**
 * What extract returns: magic, modality, format and the image digest. Carrying the format means
 * the same image extracted in two formats gives two templates, as with a real extractor.
 */
export function extractTemplateBlob(modality: Modality, format: string, imageDigest: Buffer): Buffer {
  return Buffer.concat([TEMPLATE_MAGIC, Buffer.from(`${modality}:${format}:`, 'latin1'), imageDigest]);
}

export interface MatchOutcome {
  IsGenuine: boolean;
  Score: number;
}

/**
 * Templates are compared as opaque bytes. The impostor score is a low number derived from both
 * templates, symmetric in A and B, so it is stable across runs but not always the same number.
 */
export function matchTemplates(a: Buffer, b: Buffer): MatchOutcome {
  if (a.length > 0 && a.equals(b)) return { IsGenuine: true, Score: 100 };
  const [first, second] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  return { IsGenuine: false, Score: (sha256(first, second)[0] as number) % 20 };
}
