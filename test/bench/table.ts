import type { BenchRow } from './measure';

export const MB = 1024 * 1024;

/** The rows of this run's table, in the order they were measured. */
export const rows: BenchRow[] = [];

/** Adds a figure; `within` undefined marks a reference figure with no budget. */
export function row(
  figure: string,
  ours: number,
  baseline: number | undefined,
  unit: string,
  budget: string,
  within?: boolean,
) {
  rows.push({
    figure,
    ours: `${ours.toFixed(1)} ${unit}`,
    baseline: baseline === undefined ? '-' : `${baseline.toFixed(1)} ${unit}`,
    ratio: baseline === undefined ? undefined : ours / baseline,
    budget,
    verdict: within === undefined ? 'reference' : within ? 'ok' : 'over budget',
  });
}
