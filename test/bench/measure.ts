/** The median of some figures (the mean of the middle two when there is an even number). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 0
    ? ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
    : (sorted[Math.floor(middle)] ?? Number.NaN);
}

/** Median wall time of `runs` calls (after `warmup` unmeasured ones), in milliseconds. */
export function medianMs(work: () => void, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export async function medianMsAsync(work: () => Promise<void>, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export interface BenchRow {
  figure: string;
  ours: string;
  baseline: string;
  ratio: number | undefined;
  budget: string;
  verdict: 'ok' | 'over budget' | 'reference';
}

export function printTable(rows: readonly BenchRow[]): void {
  const header = ['figure', 'ours', 'baseline', 'ratio', 'budget', 'verdict'];
  const cells = rows.map((row) => [
    row.figure,
    row.ours,
    row.baseline,
    row.ratio === undefined ? '-' : row.ratio.toFixed(2),
    row.budget,
    row.verdict,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of cells) console.log(format(line));
}
