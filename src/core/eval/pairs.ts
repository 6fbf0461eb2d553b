import { type Random, seededRandom } from '../seeded';

/** One comparison: two image indexes (a < b) and whether they show the same person. */
export interface Pair {
  a: number;
  b: number;
  genuine: boolean;
}

/** The labelled images of an evaluation: `person[i]` labels image i. */
export interface Labelled {
  person: readonly string[];
}

/** Every pair of images of one person. */
export function genuinePairs({ person }: Labelled): Pair[] {
  const byPerson = groupByPerson(person);
  const pairs: Pair[] = [];
  for (const images of byPerson.values()) {
    for (let x = 0; x < images.length; x++) {
      for (let y = x + 1; y < images.length; y++)
        pairs.push({ a: images[x] as number, b: images[y] as number, genuine: true });
    }
  }
  return pairs;
}

/** How many pairs of images show two different persons. */
export function impostorPairCount({ person }: Labelled): number {
  const sizes = [...groupByPerson(person).values()].map((images) => images.length);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return (total * total - sizes.reduce((sum, size) => sum + size * size, 0)) / 2;
}

/**
 * Impostor pairs: all of them, or a seeded sample of `limit` distinct ones (the same seed, the
 * same sample), in a stable order.
 */
export function impostorPairs(labelled: Labelled, limit: number | undefined, seed: string | number): Pair[] {
  const total = impostorPairCount(labelled);
  const { person } = labelled;
  if (limit === undefined || limit >= total) {
    const pairs: Pair[] = [];
    for (let a = 0; a < person.length; a++) {
      for (let b = a + 1; b < person.length; b++) if (person[a] !== person[b]) pairs.push({ a, b, genuine: false });
    }
    return pairs;
  }
  const random = seededRandom('impostors', seed);
  if (limit > total / 2) return shuffledPrefix(impostorPairs(labelled, undefined, seed), limit, random);
  return samplePairs(person, limit, random);
}

/** A seeded choice of `limit` of the pairs (partial Fisher-Yates), back in stable order. */
function shuffledPrefix(pairs: Pair[], limit: number, random: Random): Pair[] {
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (pairs.length - i));
    [pairs[i], pairs[j]] = [pairs[j] as Pair, pairs[i] as Pair];
  }
  return pairs.slice(0, limit).sort((p, q) => p.a - q.a || p.b - q.b);
}

function samplePairs(person: readonly string[], limit: number, random: Random): Pair[] {
  const n = person.length;
  const seen = new Set<number>();
  const pairs: Pair[] = [];
  // Rejection sampling: at most half of all pairs are taken here, so each draw succeeds often.
  while (pairs.length < limit) {
    const x = Math.floor(random() * n);
    const y = Math.floor(random() * n);
    if (x === y || person[x] === person[y]) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ a, b, genuine: false });
  }
  return pairs.sort((p, q) => p.a - q.a || p.b - q.b);
}

function groupByPerson(person: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  person.forEach((label, index) => {
    const group = groups.get(label);
    if (group) group.push(index);
    else groups.set(label, [index]);
  });
  return groups;
}
