import type { Pixels } from './pixels';

/**
 * The sandbox's feature vectors: small, deterministic descriptions of what an image shows, so
 * two photos of one synthetic person come out close and two people apart.
 *
 * - A face is its colour layout: the image averaged down to a FACE_GRID x FACE_GRID grid of
 *   red, green and blue cells. The vector is centred and scaled to unit length, so a brighter or
 *   darker photo (a gain and an offset on every channel) gives the same vector, while skin and
 *   hair colour, face shape and where the eyes, nose and mouth sit change it. A pose shift moves
 *   everything across the grid, which is what makes genuine scores fall.
 * - A finger is its ridge-orientation field: in each of FINGER_GRID x FINGER_GRID blocks the
 *   summed doubled-angle gradient (gx² - gy², 2 gx gy), the classic fingerprint feature: it
 *   ignores brightness, averages noise away and changes with the core and the whorl.
 */
export const FACE_GRID = 16;
export const FINGER_GRID = 12;
const FACE_BOX = { left: 0.2, top: 0.15, width: 0.6, height: 0.7 };

export function faceFeature({ width, height, rgba }: Pixels): Float64Array {
  const cells = FACE_GRID * FACE_GRID;
  const sums = new Float64Array(cells * 3);
  const counts = new Float64Array(cells);
  // The central region, where a portrait's face is (the sandbox's face detector finds it there).
  const left = Math.floor(FACE_BOX.left * width);
  const top = Math.floor(FACE_BOX.top * height);
  const boxWidth = Math.max(1, Math.floor(FACE_BOX.width * width));
  const boxHeight = Math.max(1, Math.floor(FACE_BOX.height * height));
  for (let y = top; y < Math.min(height, top + boxHeight); y++) {
    const row = Math.min(FACE_GRID - 1, Math.floor(((y - top) * FACE_GRID) / boxHeight)) * FACE_GRID;
    for (let x = left; x < Math.min(width, left + boxWidth); x++) {
      const cell = row + Math.min(FACE_GRID - 1, Math.floor(((x - left) * FACE_GRID) / boxWidth));
      const offset = (y * width + x) * 4;
      sums[cell * 3] = (sums[cell * 3] as number) + (rgba[offset] as number);
      sums[cell * 3 + 1] = (sums[cell * 3 + 1] as number) + (rgba[offset + 1] as number);
      sums[cell * 3 + 2] = (sums[cell * 3 + 2] as number) + (rgba[offset + 2] as number);
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  for (let i = 0; i < sums.length; i++)
    sums[i] = (sums[i] as number) / Math.max(1, counts[Math.floor(i / 3)] as number);
  return centredUnit(sums);
}

export function fingerFeature({ width, height, rgba }: Pixels): Float64Array {
  const field = new Float64Array(FINGER_GRID * FINGER_GRID * 2);
  const grey = (x: number, y: number) => {
    const offset = (y * width + x) * 4;
    return (
      0.299 * (rgba[offset] as number) + 0.587 * (rgba[offset + 1] as number) + 0.114 * (rgba[offset + 2] as number)
    );
  };
  for (let y = 1; y < height - 1; y++) {
    const row = Math.min(FINGER_GRID - 1, Math.floor((y * FINGER_GRID) / height)) * FINGER_GRID;
    for (let x = 1; x < width - 1; x++) {
      const gx = grey(x + 1, y) - grey(x - 1, y);
      const gy = grey(x, y + 1) - grey(x, y - 1);
      const block = (row + Math.min(FINGER_GRID - 1, Math.floor((x * FINGER_GRID) / width))) * 2;
      field[block] = (field[block] as number) + gx * gx - gy * gy;
      field[block + 1] = (field[block + 1] as number) + 2 * gx * gy;
    }
  }
  return unit(field);
}

function centredUnit(values: Float64Array): Float64Array {
  let mean = 0;
  for (const value of values) mean += value;
  mean /= values.length;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) - mean;
  return unit(values);
}

function unit(values: Float64Array): Float64Array {
  let norm = 0;
  for (const value of values) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
  return values;
}

/** Quantised to signed bytes (what the template carries); the scale drops out of the cosine. */
export function quantise(values: Float64Array): Int8Array {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  const out = new Int8Array(values.length);
  if (largest === 0) return out;
  for (let i = 0; i < values.length; i++) out[i] = Math.round(((values[i] as number) / largest) * 127);
  return out;
}

export function cosine(a: Int8Array, b: Int8Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
