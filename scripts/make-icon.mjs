// Draws media/icon.png (128x128): a rounded teal tile with white fingerprint ridges.
// Run after a build that transpiled src/ to out/: node scripts/build.mjs --tests && node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { encodePng } = require('../out/src/core/images/png.js');

const SIZE = 128;
const SAMPLES = 4; // supersampling per axis, for smooth edges

function insideTile(x, y) {
  const radius = 26;
  const cx = Math.min(Math.max(x, radius), SIZE - radius);
  const cy = Math.min(Math.max(y, radius), SIZE - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function onRidge(x, y) {
  const dx = x - SIZE / 2;
  const dy = (y - SIZE * 0.56) * 0.86;
  const distance = Math.hypot(dx, dy);
  const angle = Math.atan2(dy, dx);
  if (distance > 46 || distance < 5) return false;
  // Ridges: rings 8 px apart, 3.4 px wide, each open at a different angle like a fingerprint.
  const ring = Math.round(distance / 8);
  if (Math.abs(distance - ring * 8) > 1.7) return false;
  const gapCentre = 1.2 + ring * 0.9;
  const gap = Math.abs(Math.atan2(Math.sin(angle - gapCentre), Math.cos(angle - gapCentre)));
  return gap > 0.55 && !(dy > 30 && Math.abs(dx) < 12);
}

const rgba = new Uint8Array(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    let tile = 0;
    let ridge = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        if (insideTile(px, py)) {
          tile++;
          if (onRidge(px, py)) ridge++;
        }
      }
    }
    const total = SAMPLES * SAMPLES;
    const t = y / SIZE;
    const base = [15 + 5 * t, 118 + 66 * t, 110 + 56 * t]; // teal gradient, darker at the top
    const mix = tile ? ridge / tile : 0;
    const offset = (y * SIZE + x) * 4;
    for (let c = 0; c < 3; c++) rgba[offset + c] = Math.round(base[c] * (1 - mix) + 255 * mix);
    rgba[offset + 3] = Math.round((255 * tile) / total);
  }
}
writeFileSync(new URL('../media/icon.png', import.meta.url), encodePng(SIZE, SIZE, rgba));
console.log('wrote media/icon.png');
