import { l10n } from '../l10n';
import { impostorSampleText } from './impostorSample';
import { computeMetrics, type Histogram, type OperatingPoint, type RateAtFmr, rateAtFmr, sortScores } from './metrics';
import type { EvalScores, ImpostorSample, Modality } from './run';

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
  /** The size and seed of the impostor sample compared, or null when every impostor pair was. */
  impostorSample: ImpostorSample | null;
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
  const unsupported = new Set<string>();
  for (const rate of [...Object.values(fnmrAtFmr), atThreshold]) {
    const fmr = formatFmr(rate.targetFmr);
    if (rate.supported || unsupported.has(fmr)) continue;
    unsupported.add(fmr);
    warnings.push(
      l10n.t(
        'FMR {0}: {1} impostor comparisons, fewer than the {2} (30 / FMR) needed to support it; no FNMR or threshold is given there. Add images or persons (in the CLI, or raise --impostors).',
        fmr,
        impostor.length,
        rate.impostorsNeeded,
      ),
    );
  }
  if (genuine.length === 0) warnings.push(l10n.t('No genuine comparisons: each person needs at least two images.'));
  if (result.failedToExtract.size > 0) {
    warnings.push(
      l10n.t(
        '{0} image(s) gave no template (failure to enrol); their pairs are left out.',
        result.failedToExtract.size,
      ),
    );
  }
  if (result.cancelled) warnings.push(l10n.t('Cancelled: the figures cover only the comparisons made so far.'));
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
    impostorSample: plan.impostorSample ?? null,
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
    l10n.t(
      '{0}: {1} images of {2} persons; {3} genuine and {4} impostor comparisons (of {5} impostor pairs).',
      summary.modality === 'FACE' ? l10n.t('Faces') : l10n.t('Fingerprints'),
      summary.images,
      summary.persons,
      summary.genuine,
      summary.impostor,
      summary.impostorPairsAvailable,
    ),
    l10n.t('EER {0} at threshold {1}', formatRate(summary.eer), formatScore(summary.eerThreshold)),
  ];
  if (summary.impostorSample) {
    lines.splice(1, 0, impostorSampleText(summary.impostorSample, summary.impostorPairsAvailable));
  }
  for (const [key, rate] of Object.entries(summary.fnmrAtFmr)) {
    lines.push(
      rate.supported
        ? l10n.t('FNMR at FMR {0}: {1} (threshold {2})', key, formatRate(rate.fnmr), formatScore(rate.threshold))
        : l10n.t('FNMR at FMR {0}: not supported (needs {1} impostor comparisons)', key, rate.impostorsNeeded),
    );
  }
  const fmr = formatFmr(summary.targetFmr);
  lines.push(
    summary.threshold === null
      ? l10n.t('Recommended threshold for FMR {0}: none (too few impostor comparisons)', fmr)
      : l10n.t(
          'Recommended threshold for FMR {0}: {1} (FNMR {2}, FMR {3})',
          fmr,
          formatScore(summary.threshold),
          formatRate(summary.atThreshold.fnmr),
          formatRate(summary.atThreshold.fmr),
        ),
  );
  if (summary.worstGenuine.length > 0) {
    lines.push(l10n.t('Worst genuine pairs (lowest scores):'));
    for (const pair of summary.worstGenuine.slice(0, 5))
      lines.push(`  ${formatScore(pair.score)}  ${pair.a}  ${pair.b}`);
  }
  if (summary.worstImpostor.length > 0) {
    lines.push(l10n.t('Worst impostor pairs (highest scores):'));
    for (const pair of summary.worstImpostor.slice(0, 5))
      lines.push(`  ${formatScore(pair.score)}  ${pair.a}  ${pair.b}`);
  }
  for (const warning of summary.warnings) lines.push(l10n.t('warning: {0}', warning));
  return lines;
}
