/**
 * Draws a synthetic fingerprint: dark sine ridges around a core on a light background, inside a
 * fingertip-shaped oval. It is generated from the variant alone and belongs to no one. The
 * variant moves the core, changes ridge spacing, twists the ridges from concentric rings into
 * whorl-like spirals and warps them, so different variants give different images (and, in the
 * sandbox, different templates).
 */
export interface SyntheticFingerprintOptions {
  size?: number;
  variant?: number;
}

export function drawSyntheticFingerprint({ size = 128, variant = 0 }: SyntheticFingerprintOptions = {}): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const n = Math.abs(Math.trunc(variant));
  const coreX = 0.5 + 0.06 * Math.sin(n * 1.7);
  const coreY = 0.45 + 0.06 * Math.cos(n * 2.3);
  // Ridge period as a fraction of the image: 6 to 9 pixels on a 128-pixel image.
  const period = 0.045 + 0.008 * (n % 4);
  // Whole turns keep the pattern continuous across the angle's wrap-around.
  const turns = n % 3;
  const warp = 0.015 + 0.01 * (n % 5);
  const lobes = 2 + (n % 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size - coreX;
      const v = y / size - coreY;
      const radius = Math.hypot(u, v * 0.85);
      const angle = Math.atan2(v, u);
      // The warp fades in away from the core, where it would otherwise pinch the ridges into a star.
      const warped = radius + warp * Math.min(1, radius / 0.15) * Math.sin(lobes * angle + n);
      const ridge = 0.5 + 0.5 * Math.cos((2 * Math.PI * warped) / period + turns * angle);
      // Fingertip oval with a soft edge, centred on the image rather than on the core.
      const edge = ((x / size - 0.5) / 0.4) ** 2 + ((y / size - 0.5) / 0.47) ** 2;
      const ink = Math.max(0, Math.min(1, (1 - edge) * 6));
      const grey = Math.round(245 - 200 * ridge * ink);
      const offset = (y * size + x) * 4;
      rgba[offset] = grey;
      rgba[offset + 1] = grey;
      rgba[offset + 2] = grey;
      rgba[offset + 3] = 255;
    }
  }
  return rgba;
}
