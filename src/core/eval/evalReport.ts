import { escapeHtml, type PageOptions, page, table, thumbnail, warnings } from './html';
import { type EvalSummary, formatFmr, formatRate, formatScore, type NamedPair } from './summary';
import { detSvg, histogramSvg } from './svg';

export interface EvalReportOptions extends PageOptions {
  /** What was evaluated (a folder or pairs file name), shown as the subtitle. */
  source: string;
  /** Where the scores came from (environment and base URL). */
  target: string;
}

/** The accuracy report: one self-contained HTML page (inline SVG, no script, no external resource). */
export function buildEvalReport(summary: EvalSummary, options: EvalReportOptions): string {
  const rates = Object.entries(summary.fnmrAtFmr).map(([key, rate]) => [
    `FNMR at FMR ${escapeHtml(key)}`,
    rate.supported
      ? escapeHtml(formatRate(rate.fnmr))
      : `<span class="muted">needs ${escapeHtml(rate.impostorsNeeded)} impostor comparisons</span>`,
    rate.supported ? escapeHtml(formatScore(rate.threshold)) : '-',
  ]);
  const metrics = table(
    ['metric', 'value', 'threshold'],
    [
      ['Images / persons', `${escapeHtml(summary.images)} / ${escapeHtml(summary.persons)}`, ''],
      ['Genuine comparisons', escapeHtml(summary.genuine), ''],
      [
        'Impostor comparisons',
        `${escapeHtml(summary.impostor)} <span class="muted">of ${escapeHtml(summary.impostorPairsAvailable)}</span>`,
        '',
      ],
      ['EER', escapeHtml(formatRate(summary.eer)), escapeHtml(formatScore(summary.eerThreshold))],
      ...rates,
      [
        `Recommended threshold for FMR ${escapeHtml(formatFmr(summary.targetFmr))}`,
        summary.threshold === null
          ? '<span class="muted">none: too few impostor comparisons</span>'
          : `FNMR ${escapeHtml(formatRate(summary.atThreshold.fnmr))}, FMR ${escapeHtml(formatRate(summary.atThreshold.fmr))}`,
        escapeHtml(formatScore(summary.threshold)),
      ],
      [
        'Calls',
        `${escapeHtml(summary.calls.extract)} extract, ${escapeHtml(summary.calls.match)} match, ${escapeHtml(summary.calls.fromJournal)} scores from the journal`,
        '',
      ],
    ],
    [1, 2],
  );
  const floor = Math.min(1e-4, summary.impostor > 0 ? 10 ** Math.floor(Math.log10(1 / summary.impostor)) : 1e-4);
  const pairs = (list: readonly NamedPair[]) =>
    list.length === 0
      ? '<p class="muted">None.</p>'
      : table(
          ['score', 'image A', 'image B'],
          list.map((pair) => [
            escapeHtml(formatScore(pair.score)),
            `${thumbnail(pair.a, options)}${escapeHtml(pair.a)}`,
            `${thumbnail(pair.b, options)}${escapeHtml(pair.b)}`,
          ]),
          [0],
        );
  const failures =
    summary.failedToExtract.length === 0
      ? ''
      : `<h2>Images without a template</h2>${table(
          ['image', 'answer'],
          summary.failedToExtract.map((failure) => [escapeHtml(failure.image), escapeHtml(failure.reason)]),
        )}`;
  const body = `<h1>Accuracy report</h1>
<p class="muted">${escapeHtml(summary.modality === 'FACE' ? 'Faces' : 'Fingerprints')} · ${escapeHtml(options.source)} · ${escapeHtml(options.target)}</p>
${warnings(summary.warnings)}
<h2>Metrics</h2>
<p class="muted">A comparison is accepted when its score is at or above the threshold. FMR: share of impostor comparisons accepted; FNMR: share of genuine comparisons rejected.</p>
${metrics}
<div class="plots">
<div><h2>DET curve</h2>${detSvg(summary.det, summary.eer, floor)}</div>
<div><h2>Score distributions</h2>${histogramSvg(summary.histogram, summary.threshold)}
<p class="legend"><span class="swatch-genuine"></span>genuine <span class="swatch-impostor"></span>impostor; dashed: recommended threshold</p></div>
</div>
<h2>Worst genuine pairs (lowest scores)</h2>
${pairs(summary.worstGenuine)}
<h2>Worst impostor pairs (highest scores)</h2>
${pairs(summary.worstImpostor)}
${failures}`;
  return page('BioPass ID accuracy report', body, options);
}
