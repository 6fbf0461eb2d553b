/**
 * Verification error rates from two sets of scores, higher meaning more alike and a comparison
 * accepted when its score is at or above the threshold t:
 *
 *   FMR(t)  = share of impostor scores >= t   (false matches)
 *   FNMR(t) = share of genuine scores  <  t   (false non-matches)
 *
 * FMR never rises and FNMR never falls as t rises. The operating points are taken at every
 * distinct score (and above the highest), which is where the two step functions change.
 */
export interface OperatingPoint {
  threshold: number;
  fmr: number;
  fnmr: number;
}

export interface RateAtFmr {
  /** The FMR asked for. */
  targetFmr: number;
  /** Whether there are at least 30 / targetFmr impostor comparisons ("rule of 30"). */
  supported: boolean;
  impostorsNeeded: number;
  /** The lowest threshold whose FMR is at most the target, and the FNMR there; null when unsupported. */
  threshold: number | null;
  fnmr: number | null;
  fmr: number | null;
}

export interface Histogram {
  /** Lower edge of each bin; the last bin includes its upper edge. */
  edges: number[];
  genuine: number[];
  impostor: number[];
}

export interface Metrics {
  genuineCount: number;
  impostorCount: number;
  eer: number | null;
  eerThreshold: number | null;
  /** Up to MAX_DET_POINTS operating points, in rising threshold, for plots. */
  det: OperatingPoint[];
  histogram: Histogram;
}

/** Below 30 / FMR impostor comparisons an FMR estimate has no useful confidence (Doddington's rule of 30). */
export const RULE_OF_30 = 30;
export const MAX_DET_POINTS = 400;
export const HISTOGRAM_BINS = 25;

/** Sorted copies of the two score sets: everything else reads these. */
export interface SortedScores {
  genuine: Float64Array;
  impostor: Float64Array;
}

export function sortScores(genuine: ArrayLike<number>, impostor: ArrayLike<number>): SortedScores {
  return { genuine: Float64Array.from(genuine).sort(), impostor: Float64Array.from(impostor).sort() };
}

/** Index of the first element >= value in a sorted array. */
export function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function fmrAt(scores: SortedScores, threshold: number): number {
  const n = scores.impostor.length;
  return n === 0 ? 0 : (n - lowerBound(scores.impostor, threshold)) / n;
}

export function fnmrAt(scores: SortedScores, threshold: number): number {
  const n = scores.genuine.length;
  return n === 0 ? 0 : lowerBound(scores.genuine, threshold) / n;
}

/**
 * Every operating point, one per distinct score plus one above the highest, in rising threshold,
 * by one merge of the two sorted arrays.
 */
export function operatingPoints(
  scores: SortedScores,
  visit: (threshold: number, fmr: number, fnmr: number) => boolean | undefined,
): void {
  const { genuine, impostor } = scores;
  const ng = genuine.length;
  const ni = impostor.length;
  let g = 0;
  let i = 0;
  while (g < ng || i < ni) {
    const next = Math.min(g < ng ? (genuine[g] as number) : Infinity, i < ni ? (impostor[i] as number) : Infinity);
    // At t = next: genuine below it are rejected, impostors from it up accepted. A visitor
    // returning false has seen enough.
    if (visit(next, ni === 0 ? 0 : (ni - i) / ni, ng === 0 ? 0 : g / ng) === false) return;
    while (g < ng && genuine[g] === next) g++;
    while (i < ni && impostor[i] === next) i++;
  }
  const top = Math.max(
    ng > 0 ? (genuine[ng - 1] as number) : -Infinity,
    ni > 0 ? (impostor[ni - 1] as number) : -Infinity,
  );
  if (Number.isFinite(top)) visit(nextUp(top), 0, ng === 0 ? 0 : 1);
}

/**
 * The equal error rate: where FMR and FNMR cross. Between the last point with FNMR < FMR and
 * the first with FNMR >= FMR both curves are taken as straight lines and the EER is their
 * crossing; its threshold is interpolated the same way.
 */
export function equalErrorRate(scores: SortedScores): { eer: number; threshold: number } | undefined {
  if (scores.genuine.length === 0 || scores.impostor.length === 0) return undefined;
  let previous: OperatingPoint | undefined;
  let found: { eer: number; threshold: number } | undefined;
  operatingPoints(scores, (threshold, fmr, fnmr) => {
    if (fnmr >= fmr) {
      if (previous === undefined) {
        found = { eer: (fmr + fnmr) / 2, threshold };
        return false;
      }
      // d(t) = FMR - FNMR goes from positive (previous) to <= 0 (here).
      const before = previous.fmr - previous.fnmr;
      const after = fmr - fnmr;
      const share = before / (before - after);
      found = {
        eer: previous.fmr + share * (fmr - previous.fmr),
        // Clamped: with subnormal scores the interpolation can round past either end.
        threshold: Math.min(
          threshold,
          Math.max(previous.threshold, previous.threshold + share * (threshold - previous.threshold)),
        ),
      };
      return false;
    }
    previous = { threshold, fmr, fnmr };
    return true;
  });
  return found;
}

/**
 * The lowest threshold at which FMR <= target, and the FNMR there. With k = floor(target * N)
 * impostors allowed above the threshold, it is the first score above the (N - k)-th lowest
 * impostor score (or just above it when no score lies above).
 */
export function rateAtFmr(scores: SortedScores, targetFmr: number): RateAtFmr {
  const n = scores.impostor.length;
  const impostorsNeeded = Math.ceil(RULE_OF_30 / targetFmr);
  const supported = n >= impostorsNeeded && scores.genuine.length > 0;
  if (!supported) return { targetFmr, supported, impostorsNeeded, threshold: null, fnmr: null, fmr: null };
  const allowed = Math.floor(targetFmr * n + 1e-9);
  let threshold: number;
  if (allowed >= n) threshold = Math.min(scores.impostor[0] as number, scores.genuine[0] as number);
  else {
    const highestRejected = scores.impostor[n - allowed - 1] as number;
    threshold = firstAbove(scores, highestRejected);
  }
  return {
    targetFmr,
    supported,
    impostorsNeeded,
    threshold,
    fnmr: fnmrAt(scores, threshold),
    fmr: fmrAt(scores, threshold),
  };
}

/** The smallest score of either set strictly above value, else the next float above it. */
function firstAbove(scores: SortedScores, value: number): number {
  const candidates: number[] = [];
  for (const sorted of [scores.genuine, scores.impostor]) {
    const at = lowerBound(sorted, nextUp(value));
    if (at < sorted.length) candidates.push(sorted[at] as number);
  }
  return candidates.length > 0 ? Math.min(...candidates) : nextUp(value);
}

const scratch = new Float64Array(1);
const scratchBits = new BigInt64Array(scratch.buffer);

/** The next representable double above x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  scratchBits[0] = (scratchBits[0] as bigint) + (x > 0 ? 1n : -1n);
  return scratch[0] as number;
}

export function histogram(scores: SortedScores, bins = HISTOGRAM_BINS): Histogram {
  const all = [scores.genuine, scores.impostor].filter((sorted) => sorted.length > 0);
  const low = Math.min(...all.map((sorted) => sorted[0] as number));
  const high = Math.max(...all.map((sorted) => sorted[sorted.length - 1] as number));
  if (all.length === 0) return { edges: [], genuine: [], impostor: [] };
  const width = high > low ? (high - low) / bins : 1;
  const count = (sorted: Float64Array) => {
    const counts = new Array<number>(bins).fill(0);
    for (const score of sorted) {
      const bin = Math.min(bins - 1, Math.floor((score - low) / width));
      counts[bin] = (counts[bin] as number) + 1;
    }
    return counts;
  };
  return {
    edges: Array.from({ length: bins + 1 }, (_, k) => low + k * width),
    genuine: count(scores.genuine),
    impostor: count(scores.impostor),
  };
}

/**
 * About `limit` operating points (at most limit + 1), evenly spread over the list, first and
 * last kept. There are at most (genuine + impostor + 1) points, which sets the step without a
 * counting pass.
 */
export function detCurve(scores: SortedScores, limit = MAX_DET_POINTS): OperatingPoint[] {
  const bound = scores.genuine.length + scores.impostor.length + 1;
  const step = Math.max(1, Math.ceil(bound / limit));
  const points: OperatingPoint[] = [];
  let k = 0;
  let last = { threshold: Number.NaN, fmr: 0, fnmr: 0 };
  operatingPoints(scores, (threshold, fmr, fnmr) => {
    if (k++ % step === 0) points.push({ threshold, fmr, fnmr });
    else {
      last.threshold = threshold;
      last.fmr = fmr;
      last.fnmr = fnmr;
    }
    return true;
  });
  if (!Number.isNaN(last.threshold) && (points[points.length - 1]?.threshold ?? -Infinity) < last.threshold) {
    points.push(last);
    last = { ...last };
  }
  return points;
}

export function computeMetrics(scores: SortedScores): Metrics {
  const eer = equalErrorRate(scores);
  return {
    genuineCount: scores.genuine.length,
    impostorCount: scores.impostor.length,
    eer: eer?.eer ?? null,
    eerThreshold: eer?.threshold ?? null,
    det: detCurve(scores),
    histogram: histogram(scores),
  };
}
