import { between, normal, type Random, seededRandom } from '../seeded';
import { encodeJpeg } from './jpeg';
import { encodeTiff } from './tiff';

/**
 * A labelled synthetic dataset for accuracy evaluation: cartoon faces (or fingerprints) of
 * made-up people, drawn in code. Each person's features (face shape, skin and hair, eye spacing,
 * mouth, nose; for a finger, its core, ridge spacing and whorl) come from a seeded generator, and
 * each photo of that person varies on its own: a pose shift, a small change of scale, brightness
 * and sensor noise. The same (seed, person, shot) always gives the same bytes.
 */
export interface ShotVariation {
  /** Standard deviation of the pose shift, as a fraction of the image side. */
  shift: number;
  /** Brightness gain range around 1 (0.2 = 0.8 to 1.2). */
  brightness: number;
  /** Largest standard deviation of the added noise, in grey levels. */
  noise: number;
}

export const DEFAULT_VARIATION: ShotVariation = { shift: 0.008, brightness: 0.15, noise: 8 };

export interface DatasetImageOptions {
  seed: string | number;
  person: number;
  shot: number;
  size?: number;
  variation?: ShotVariation;
}

interface Face {
  skin: [number, number, number];
  hair: [number, number, number];
  halfWidth: number;
  halfHeight: number;
  hairline: number;
  eyeSpread: number;
  eyeY: number;
  eyeSize: number;
  mouthWidth: number;
  mouthY: number;
  mouthCurve: number;
  noseLength: number;
  glasses: boolean;
}

const SKINS: [number, number, number][] = [
  [255, 219, 172],
  [224, 172, 105],
  [198, 134, 66],
  [141, 85, 36],
  [92, 56, 28],
];
const HAIRS: [number, number, number][] = [
  [30, 22, 18],
  [80, 50, 30],
  [200, 160, 90],
  [150, 60, 30],
  [170, 170, 170],
];

function faceOf(random: Random): Face {
  const tone = between(random, 0, SKINS.length - 1);
  const low = SKINS[Math.floor(tone)] as [number, number, number];
  const high = SKINS[Math.min(SKINS.length - 1, Math.floor(tone) + 1)] as [number, number, number];
  const mix = tone - Math.floor(tone);
  return {
    skin: [0, 1, 2].map((c) => (low[c] as number) * (1 - mix) + (high[c] as number) * mix) as [number, number, number],
    hair: HAIRS[Math.floor(random() * HAIRS.length)] as [number, number, number],
    halfWidth: between(random, 0.27, 0.35),
    halfHeight: between(random, 0.36, 0.45),
    hairline: between(random, -0.3, -0.16),
    eyeSpread: between(random, 0.12, 0.2),
    eyeY: between(random, -0.1, -0.02),
    eyeSize: between(random, 0.04, 0.065),
    mouthWidth: between(random, 0.08, 0.16),
    mouthY: between(random, 0.17, 0.27),
    mouthCurve: between(random, -2.5, 2.5),
    noseLength: between(random, 0.05, 0.14),
    glasses: random() < 0.25,
  };
}

interface Shot {
  dx: number;
  dy: number;
  scale: number;
  gain: number;
  noise: number;
}

function shotOf(random: Random, variation: ShotVariation): Shot {
  return {
    dx: variation.shift * normal(random),
    dy: variation.shift * normal(random),
    scale: 1 + 0.5 * variation.shift * normal(random),
    gain: between(random, 1 - variation.brightness, 1 + variation.brightness),
    noise: between(random, 0, variation.noise),
  };
}

const BACKGROUND: [number, number, number] = [232, 238, 244];

function faceColour(face: Face, u: number, v: number): [number, number, number] {
  let colour = BACKGROUND;
  const inFace = (u / face.halfWidth) ** 2 + (v / face.halfHeight) ** 2 <= 1;
  if (inFace) colour = face.skin;
  const hairTop = (u / (face.halfWidth + 0.02)) ** 2 + ((v + 0.04) / (face.halfHeight + 0.03)) ** 2 <= 1;
  if (hairTop && v < face.hairline) colour = face.hair;
  for (const side of [-1, 1]) {
    const eu = u - side * face.eyeSpread;
    const ev = v - face.eyeY;
    if ((eu / face.eyeSize) ** 2 + (ev / (face.eyeSize * 0.65)) ** 2 <= 1) colour = [255, 255, 255];
    if (Math.hypot(eu, ev) <= face.eyeSize * 0.4) colour = [40, 30, 25];
    if (face.glasses && Math.abs(Math.hypot(eu, ev) - face.eyeSize * 1.5) < 0.008) colour = [20, 20, 20];
  }
  const mouthV = face.mouthY + face.mouthCurve * u * u;
  if (Math.abs(u) < face.mouthWidth && Math.abs(v - mouthV) < 0.014) colour = [150, 40, 50];
  if (Math.abs(u) < 0.02 && v > face.eyeY + 0.04 && v < face.eyeY + 0.04 + face.noseLength) {
    colour = colour.map((c) => c * 0.8) as [number, number, number];
  }
  return colour;
}

interface Finger {
  coreX: number;
  coreY: number;
  period: number;
  turns: number;
  warp: number;
  lobes: number;
  phase: number;
}

function fingerOf(random: Random): Finger {
  return {
    coreX: between(random, 0.38, 0.62),
    coreY: between(random, 0.33, 0.57),
    period: between(random, 0.045, 0.075),
    turns: Math.floor(random() * 3),
    warp: between(random, 0.01, 0.05),
    lobes: 2 + Math.floor(random() * 3),
    phase: between(random, 0, 2 * Math.PI),
  };
}

function fingerGrey(finger: Finger, x: number, y: number): number {
  const u = x - finger.coreX;
  const v = y - finger.coreY;
  const radius = Math.hypot(u, v * 0.85);
  const angle = Math.atan2(v, u);
  const warped = radius + finger.warp * Math.min(1, radius / 0.15) * Math.sin(finger.lobes * angle + finger.phase);
  const ridge = 0.5 + 0.5 * Math.cos((2 * Math.PI * warped) / finger.period + finger.turns * angle);
  const edge = ((x - 0.5) / 0.4) ** 2 + ((y - 0.5) / 0.47) ** 2;
  const ink = Math.max(0, Math.min(1, (1 - edge) * 6));
  return 245 - 200 * ridge * ink;
}

/** Paints every pixel through `colourAt(u, v)` in the shot's frame, then brightness and noise. */
function render(
  size: number,
  shot: Shot,
  noise: Random,
  colourAt: (u: number, v: number) => [number, number, number],
): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x / size - 0.5 - shot.dx) / shot.scale;
      const v = (y / size - 0.5 - shot.dy) / shot.scale;
      const colour = colourAt(u, v);
      const grain = shot.noise * normal(noise);
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[offset + c] = clamp((colour[c] as number) * shot.gain + grain);
      rgba[offset + 3] = 255;
    }
  }
  return rgba;
}

export function drawDatasetFace(options: DatasetImageOptions): Uint8Array {
  const size = options.size ?? 160;
  const face = faceOf(seededRandom('face', options.seed, options.person));
  const shot = shotOf(
    seededRandom('shot', options.seed, options.person, options.shot),
    options.variation ?? DEFAULT_VARIATION,
  );
  return render(size, shot, seededRandom('grain', options.seed, options.person, options.shot), (u, v) =>
    faceColour(face, u, v),
  );
}

export function drawDatasetFingerprint(options: DatasetImageOptions): Uint8Array {
  const size = options.size ?? 128;
  const finger = fingerOf(seededRandom('finger', options.seed, options.person));
  const shot = shotOf(
    seededRandom('shot', options.seed, options.person, options.shot),
    options.variation ?? DEFAULT_VARIATION,
  );
  return render(size, shot, seededRandom('grain', options.seed, options.person, options.shot), (u, v) => {
    const grey = fingerGrey(finger, u + 0.5, v + 0.5);
    return [grey, grey, grey];
  });
}

/** A face photo of the dataset as a JPEG (what cameras give). */
export function datasetFaceJpeg(options: DatasetImageOptions): Buffer {
  const size = options.size ?? 160;
  return encodeJpeg(size, size, drawDatasetFace(options));
}

/** A fingerprint of the dataset as a greyscale TIFF (what scanners give). */
export function datasetFingerprintTiff(options: DatasetImageOptions): Buffer {
  const size = options.size ?? 128;
  return encodeTiff(size, size, drawDatasetFingerprint(options), { grayscale: true });
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}
