import { l10n } from '../l10n';
import { escapeHtml, type PageOptions, page, table, thumbnail, warnings } from './html';
import { impostorSampleRow } from './impostorSample';
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
    escapeHtml(l10n.t('FNMR at FMR {0}', key)),
    rate.supported
      ? escapeHtml(formatRate(rate.fnmr))
      : `<span class="muted">${escapeHtml(l10n.t('needs {0} impostor comparisons', rate.impostorsNeeded))}</span>`,
    rate.supported ? escapeHtml(formatScore(rate.threshold)) : '-',
  ]);
  const metrics = table(
    [l10n.t('metric'), l10n.t('value'), l10n.t('threshold')],
    [
      [escapeHtml(l10n.t('Images / persons')), `${escapeHtml(summary.images)} / ${escapeHtml(summary.persons)}`, ''],
      [escapeHtml(l10n.t('Genuine comparisons')), escapeHtml(summary.genuine), ''],
      [
        escapeHtml(l10n.t('Impostor comparisons')),
        `${escapeHtml(summary.impostor)} <span class="muted">${escapeHtml(l10n.t('of {0}', summary.impostorPairsAvailable))}</span>`,
        '',
      ],
      ...(summary.impostorSample
        ? [[...impostorSampleRow(summary.impostorSample, summary.impostorPairsAvailable).map(escapeHtml), '']]
        : []),
      ['EER', escapeHtml(formatRate(summary.eer)), escapeHtml(formatScore(summary.eerThreshold))],
      ...rates,
      [
        escapeHtml(l10n.t('Recommended threshold for FMR {0}', formatFmr(summary.targetFmr))),
        summary.threshold === null
          ? `<span class="muted">${escapeHtml(l10n.t('none: too few impostor comparisons'))}</span>`
          : `FNMR ${escapeHtml(formatRate(summary.atThreshold.fnmr))}, FMR ${escapeHtml(formatRate(summary.atThreshold.fmr))}`,
        escapeHtml(formatScore(summary.threshold)),
      ],
      [
        escapeHtml(l10n.t('Calls')),
        escapeHtml(
          l10n.t(
            '{0} extract, {1} match, {2} scores from the journal',
            summary.calls.extract,
            summary.calls.match,
            summary.calls.fromJournal,
          ),
        ),
        '',
      ],
    ],
    [1, 2],
  );
  const floor = Math.min(1e-4, summary.impostor > 0 ? 10 ** Math.floor(Math.log10(1 / summary.impostor)) : 1e-4);
  const pairs = (list: readonly NamedPair[]) =>
    list.length === 0
      ? `<p class="muted">${escapeHtml(l10n.t('None.'))}</p>`
      : table(
          [l10n.t('score'), l10n.t('image A'), l10n.t('image B')],
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
      : `<h2>${escapeHtml(l10n.t('Images without a template'))}</h2>${table(
          [l10n.t('image'), l10n.t('answer')],
          summary.failedToExtract.map((failure) => [escapeHtml(failure.image), escapeHtml(failure.reason)]),
        )}`;
  const t = (message: string) => escapeHtml(message);
  const body = `<h1>${t(l10n.t('Accuracy report'))}</h1>
<p class="muted">${t(summary.modality === 'FACE' ? l10n.t('Faces') : l10n.t('Fingerprints'))} · ${escapeHtml(options.source)} · ${escapeHtml(options.target)}</p>
${warnings(summary.warnings)}
<h2>${t(l10n.t('Metrics'))}</h2>
<p class="muted">${t(l10n.t('A comparison is accepted when its score is at or above the threshold. FMR: share of impostor comparisons accepted; FNMR: share of genuine comparisons rejected.'))}</p>
${metrics}
<div class="plots">
<div><h2>${t(l10n.t('DET curve'))}</h2>${detSvg(summary.det, summary.eer, floor)}</div>
<div><h2>${t(l10n.t('Score distributions'))}</h2>${histogramSvg(summary.histogram, summary.threshold)}
<p class="legend"><span class="swatch-genuine"></span>${t(l10n.t('genuine'))} <span class="swatch-impostor"></span>${t(l10n.t('impostor; dashed: recommended threshold'))}</p></div>
</div>
<h2>${t(l10n.t('Worst genuine pairs (lowest scores)'))}</h2>
${pairs(summary.worstGenuine)}
<h2>${t(l10n.t('Worst impostor pairs (highest scores)'))}</h2>
${pairs(summary.worstImpostor)}
${failures}`;
  return page(l10n.t('BioPass ID accuracy report'), body, options);
}
