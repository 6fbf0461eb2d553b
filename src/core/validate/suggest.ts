/** Keys longer than this are not compared: no one misspells a 64-character key, and distance is quadratic. */
const MAX_COMPARED_LENGTH = 64;

/**
 * The candidate the input most likely meant, or undefined when none is close or two are equally
 * close (guessing between `Artifact_A` and `Artifact_B` would mislead). A case-insensitive match
 * wins first, then a match ignoring punctuation (`custom_id`), then the smallest edit distance
 * with transpositions counted once (`Fcae`), within a third of the word's length.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_COMPARED_LENGTH) return undefined;
  const lower = input.toLowerCase();
  const caseMatch = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (caseMatch !== undefined) return caseMatch;
  const bare = withoutPunctuation(lower);
  const bareMatch = candidates.find((candidate) => bare !== '' && withoutPunctuation(candidate.toLowerCase()) === bare);
  if (bareMatch !== undefined) return bareMatch;

  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const candidate of candidates) {
    const limit = Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3));
    if (Math.abs(candidate.length - input.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

function withoutPunctuation(text: string): string {
  return text.replace(/[^a-z0-9]/g, '');
}

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
