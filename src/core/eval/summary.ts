import { computeMetrics, type Histogram, type OperatingPoint, type RateAtFmr, rateAtFmr, sortScores } from './metrics';
import type { EvalScores, Modality } from './run';

/** The FMRs every evaluation reports, keyed as in the JSON output. */
export const REPORTED_FMRS = { '1e-2': 1e-2, '1e-3': 1e-3, '1e-4': 1e-4 } as const;
export const DEFAULT_TARGET_FMR = 1e-3;
export const WORST_PAIRS = 10;

export interface NamedPair {
  a: string;
  b: string;
  score: number;
}

/** What `biopassid eval --json` prints and the report shows. */
export interface EvalSummary {
  modality: Modality;
  images: number;
  persons: number;
  genuine: number;
  impostor: number;
  /** Impostor pairs the dataset has in all (the run may have compared a sample). */
  impostorPairsAvailable: number;
  eer: number | null;
  eerThreshold: number | null;
  fnmrAtFmr: Record<keyof typeof REPORTED_FMRS, RateAtFmr>;
  targetFmr: number;
  /** The recommended threshold for targetFmr (accept when score >= threshold); null when unsupported. */
  threshold: number | null;
  atThreshold: RateAtFmr;
  warnings: string[];
  histogram: Histogram;
  det: OperatingPoint[];
  worstGenuine: NamedPair[];
  worstImpostor: NamedPair[];
  failedToExtract: { image: string; reason: string }[];
  skippedPairs: number;
  calls: { extract: number; match: number; fromJournal: number };
  cancelled: boolean;
}

export function summarise(result: EvalScores, targetFmr = DEFAULT_TARGET_FMR): EvalSummary {
  const { plan } = result;
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (const pair of result.scored) (pair.genuine ? genuine : impostor).push(pair.score);
  const scores = sortScores(genuine, impostor);
  const metrics = computeMetrics(scores);
  const name = (index: number) => plan.dataset.images[index]?.name ?? `#${index}`;
  const named = (pair: { a: number; b: number; score: number }): NamedPair => ({
    a: name(pair.a),
    b: name(pair.b),
    score: pair.score,
  });
  const fnmrAtFmr = Object.fromEntries(
    Object.entries(REPORTED_FMRS).map(([key, fmr]) => [key, rateAtFmr(scores, fmr)]),
  ) as EvalSummary['fnmrAtFmr'];
  const atThreshold = rateAtFmr(scores, targetFmr);
  const warnings: string[] = [];
  for (const rate of [...Object.values(fnmrAtFmr), atThreshold]) {
    if (rate.supported || warnings.some((warning) => warning.includes(`FMR ${formatFmr(rate.targetFmr)}:`))) continue;
    warnings.push(
      `FMR ${formatFmr(rate.targetFmr)}: ${impostor.length} impostor comparisons, fewer than the ${rate.impostorsNeeded} (30 / FMR) needed to support it; no FNMR or threshold is given there. Add images or persons (in the CLI, or raise --impostors).`,
    );
  }
  if (genuine.length === 0) warnings.push('No genuine comparisons: each person needs at least two images.');
  if (result.failedToExtract.size > 0) {
    warnings.push(
      `${result.failedToExtract.size} image(s) gave no template (failure to enrol); their pairs are left out.`,
    );
  }
  if (result.cancelled) warnings.push('Cancelled: the figures cover only the comparisons made so far.');
  const worstGenuine = result.scored
    .filter((pair) => pair.genuine)
    .sort((p, q) => p.score - q.score)
    .slice(0, WORST_PAIRS)
    .map(named);
  const worstImpostor = result.scored
    .filter((pair) => !pair.genuine)
    .sort((p, q) => q.score - p.score)
    .slice(0, WORST_PAIRS)
    .map(named);
  return {
    modality: plan.modality,
    images: plan.dataset.images.length,
    persons: new Set(plan.dataset.images.map((image) => image.person)).size,
    genuine: genuine.length,
    impostor: impostor.length,
    impostorPairsAvailable: plan.allImpostorPairs,
    eer: metrics.eer,
    eerThreshold: metrics.eerThreshold,
    fnmrAtFmr,
    targetFmr,
    threshold: atThreshold.threshold,
    atThreshold,
    warnings,
    histogram: metrics.histogram,
    det: metrics.det,
    worstGenuine,
    worstImpostor,
    failedToExtract: [...result.failedToExtract].map(([index, reason]) => ({ image: name(index), reason })),
    skippedPairs: result.skippedPairs,
    calls: result.calls,
    cancelled: result.cancelled,
  };
}

export function formatFmr(fmr: number): string {
  const exponent = Math.log10(fmr);
  return Number.isInteger(exponent) ? `1e${exponent}` : String(fmr);
}

export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(rate < 0.001 && rate > 0 ? 3 : 2)}%`;
}

export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : String(Math.round(score * 1000) / 1000);
}

/** The plain-text lines the CLI prints. */
export function summaryLines(summary: EvalSummary): string[] {
  const lines = [
    `${summary.modality === 'FACE' ? 'Faces' : 'Fingerprints'}: ${summary.images} images of ${summary.persons} persons; ${summary.genuine} genuine and ${summary.impostor} impostor comparisons (of ${summary.impostorPairsAvailable} impostor pairs).`,
    `EER ${formatRate(summary.eer)} at threshold ${formatScore(summary.eerThreshold)}`,
  ];
  for (const [key, rate] of Object.entries(summary.fnmrAtFmr)) {
    lines.push(
      rate.supported
        ? `FNMR at FMR ${key}: ${formatRate(rate.fnmr)} (threshold ${formatScore(rate.threshold)})`
        : `FNMR at FMR ${key}: not supported (needs ${rate.impostorsNeeded} impostor comparisons)`,
    );
  }
  lines.push(
    summary.threshold === null
      ? `Recommended threshold for FMR ${formatFmr(summary.targetFmr)}: none (too few impostor comparisons)`
      : `Recommended threshold for FMR ${formatFmr(summary.targetFmr)}: ${formatScore(summary.threshold)} (FNMR ${formatRate(summary.atThreshold.fnmr)}, FMR ${formatRate(summary.atThreshold.fmr)})`,
  );
  if (summary.worstGenuine.length > 0) {
    lines.push('Worst genuine pairs (lowest scores):');
    for (const pair of summary.worstGenuine.slice(0, 5))
      lines.push(`  ${formatScore(pair.score)}  ${pair.a}  ${pair.b}`);
  }
  if (summary.worstImpostor.length > 0) {
    lines.push('Worst impostor pairs (highest scores):');
    for (const pair of summary.worstImpostor.slice(0, 5))
      lines.push(`  ${formatScore(pair.score)}  ${pair.a}  ${pair.b}`);
  }
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`);
  return lines;
}
