import { encodePng } from './png';

/**
 * Draws a synthetic cartoon face: no real person's likeness. The variant changes skin tone,
 * eye spacing and mouth, so two variants are different images (and, in the sandbox, different
 * templates). Used by tests and by the sample workspace.
 */
export interface SyntheticFaceOptions {
  size?: number;
  variant?: number;
}

export function drawSyntheticFace({ size = 96, variant = 0 }: SyntheticFaceOptions = {}): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const skins: [number, number, number][] = [
    [224, 172, 105],
    [141, 85, 36],
    [255, 219, 172],
    [198, 134, 66],
  ];
  const skin = skins[variant % skins.length] ?? [224, 172, 105];
  const eyeSpread = 0.16 + 0.02 * (variant % 3);
  const smile = variant % 2 === 0;
  const s = size;
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const u = x / s - 0.5;
      const v = y / s - 0.5;
      let colour: [number, number, number] = [232, 238, 244]; // plain light background
      const inFace = (u / 0.32) ** 2 + (v / 0.42) ** 2 <= 1;
      if (inFace) colour = skin;
      if (inFace && v < -0.22 && (u / 0.34) ** 2 + ((v + 0.2) / 0.26) ** 2 <= 1) colour = [60, 40, 30]; // hair
      for (const side of [-1, 1]) {
        if (((u - side * eyeSpread) / 0.055) ** 2 + ((v + 0.06) / 0.035) ** 2 <= 1) colour = [255, 255, 255];
        if (((u - side * eyeSpread) / 0.022) ** 2 + ((v + 0.06) / 0.022) ** 2 <= 1) colour = [40, 30, 25];
      }
      const mouthY = smile ? 0.2 + 2.2 * u * u : 0.23 - 2.2 * u * u;
      if (Math.abs(u) < 0.13 && Math.abs(v - mouthY) < 0.014) colour = [150, 40, 50];
      if (Math.abs(u) < 0.02 && v > -0.02 && v < 0.1) colour = colour.map((c) => c * 0.85) as [number, number, number]; // nose
      const offset = (y * s + x) * 4;
      rgba[offset] = colour[0];
      rgba[offset + 1] = colour[1];
      rgba[offset + 2] = colour[2];
      rgba[offset + 3] = 255;
    }
  }
  return rgba;
}

export function syntheticFacePng(options: SyntheticFaceOptions = {}): Buffer {
  const size = options.size ?? 96;
  return encodePng(size, size, drawSyntheticFace({ ...options, size }));
}
