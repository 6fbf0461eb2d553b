import { l10n } from '../l10n';
import { escapeHtml, type PageOptions, page, table, thumbnail, warnings } from './html';
import type { QualitySummary } from './quality';
import { countBarsSvg, rateBarsSvg } from './svg';

export interface QualityReportOptions extends PageOptions {
  source: string;
  target: string;
}

/** The dataset quality report: ICAO fail rates, FaceImageConformed and NFIQ distributions, detection problems. */
export function buildQualityReport(summary: QualitySummary, options: QualityReportOptions): string {
  const list = (names: readonly string[]) =>
    names.length === 0
      ? `<p class="muted">${escapeHtml(l10n.t('None.'))}</p>`
      : `<ul>${names.map((name) => `<li>${thumbnail(name, options)}${escapeHtml(name)}</li>`).join('')}</ul>`;
  const requirements = Object.entries(summary.icao.requirements).sort(([, x], [, y]) => y.failRate - x.failRate);
  const faces =
    summary.faces === 0
      ? ''
      : `<h2>${escapeHtml(l10n.t('ICAO requirements ({0} faces checked, {1} met all)', summary.icao.checked, summary.icao.allConformed))}</h2>
${rateBarsSvg(requirements.map(([label, requirement]) => ({ label, rate: requirement.failRate })))}
${table(
  [
    l10n.t('requirement'),
    l10n.t({ message: 'failed', comment: 'column: images that failed the requirement' }),
    l10n.t('fail rate'),
  ],
  requirements.map(([name, requirement]) => [
    escapeHtml(name),
    escapeHtml(requirement.failed),
    escapeHtml(`${(requirement.failRate * 100).toFixed(1)}%`),
  ]),
  [1, 2],
)}
<h2>FaceImageConformed</h2>
${countBarsSvg('FaceImageConformed', summary.icao.faceImageConformed)}
<h2>${escapeHtml(l10n.t('No face found'))}</h2>${list(summary.detection.noFace)}
<h2>${escapeHtml(l10n.t('Several faces found'))}</h2>${list(summary.detection.severalFaces)}`;
  const fingers =
    summary.fingers === 0
      ? ''
      : `<h2>${escapeHtml(l10n.t('NFIQ ({0} fingerprints graded)', summary.nfiq.checked))}</h2>${countBarsSvg('NFIQ', summary.nfiq.histogram)}`;
  const liveness = summary.liveness
    ? `<h2>${escapeHtml(l10n.t('Liveness ({0} checked, {1}% spoof)', summary.liveness.checked, (summary.liveness.spoofRate * 100).toFixed(1)))}</h2>${list(summary.liveness.spoofs)}`
    : '';
  const failures =
    summary.failures.length === 0
      ? ''
      : `<h2>${escapeHtml(l10n.t('Images that could not be checked'))}</h2>${table(
          [l10n.t('image'), l10n.t('answer')],
          summary.failures.map((failure) => [escapeHtml(failure.image), escapeHtml(failure.reason)]),
        )}`;
  const counts = l10n.t('{0} images ({1} faces, {2} fingerprints)', summary.images, summary.faces, summary.fingers);
  const body = `<h1>${escapeHtml(l10n.t('Quality report'))}</h1>
<p class="muted">${escapeHtml(counts)} · ${escapeHtml(options.source)} · ${escapeHtml(options.target)} · ${escapeHtml(l10n.t('{0} calls', summary.calls))}</p>
${warnings(summary.cancelled ? [l10n.t('Cancelled: the figures cover only the images checked so far.')] : [])}
${faces}${fingers}${liveness}${failures}`;
  return page(l10n.t('BioPass ID quality report'), body, options);
}
