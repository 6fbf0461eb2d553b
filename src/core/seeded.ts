/**
 * Seeded pseudo-random numbers: the same seed always gives the same sequence, so a dataset, an
 * impostor sample or a test is reproducible from its seed alone. mulberry32 (32-bit state) is
 * plenty for sampling and drawing; it is not for anything secret.
 */
export type Random = () => number;

export function seededRandom(...parts: (string | number)[]): Random {
  let state = hashParts(parts);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, separated, so ('ab', 'c') and ('a', 'bc') seed differently. */
function hashParts(parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (const char of `${part}\u0000`) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 0;
}

/** A number in [low, high). */
export function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

/** A standard normal draw (Box-Muller). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
