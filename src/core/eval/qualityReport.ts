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
      ? '<p class="muted">None.</p>'
      : `<ul>${names.map((name) => `<li>${thumbnail(name, options)}${escapeHtml(name)}</li>`).join('')}</ul>`;
  const requirements = Object.entries(summary.icao.requirements).sort(([, x], [, y]) => y.failRate - x.failRate);
  const faces =
    summary.faces === 0
      ? ''
      : `<h2>ICAO requirements (${escapeHtml(summary.icao.checked)} faces checked, ${escapeHtml(summary.icao.allConformed)} met all)</h2>
${rateBarsSvg(requirements.map(([label, requirement]) => ({ label, rate: requirement.failRate })))}
${table(
  ['requirement', 'failed', 'fail rate'],
  requirements.map(([name, requirement]) => [
    escapeHtml(name),
    escapeHtml(requirement.failed),
    escapeHtml(`${(requirement.failRate * 100).toFixed(1)}%`),
  ]),
  [1, 2],
)}
<h2>FaceImageConformed</h2>
${countBarsSvg('FaceImageConformed', summary.icao.faceImageConformed)}
<h2>No face found</h2>${list(summary.detection.noFace)}
<h2>Several faces found</h2>${list(summary.detection.severalFaces)}`;
  const fingers =
    summary.fingers === 0
      ? ''
      : `<h2>NFIQ (${escapeHtml(summary.nfiq.checked)} fingerprints graded)</h2>${countBarsSvg('NFIQ', summary.nfiq.histogram)}`;
  const liveness = summary.liveness
    ? `<h2>Liveness (${escapeHtml(summary.liveness.checked)} checked, ${escapeHtml((summary.liveness.spoofRate * 100).toFixed(1))}% spoof)</h2>${list(summary.liveness.spoofs)}`
    : '';
  const failures =
    summary.failures.length === 0
      ? ''
      : `<h2>Images that could not be checked</h2>${table(
          ['image', 'answer'],
          summary.failures.map((failure) => [escapeHtml(failure.image), escapeHtml(failure.reason)]),
        )}`;
  const body = `<h1>Quality report</h1>
<p class="muted">${escapeHtml(summary.images)} images (${escapeHtml(summary.faces)} faces, ${escapeHtml(summary.fingers)} fingerprints) · ${escapeHtml(options.source)} · ${escapeHtml(options.target)} · ${escapeHtml(summary.calls)} calls</p>
${warnings(summary.cancelled ? ['Cancelled: the figures cover only the images checked so far.'] : [])}
${faces}${fingers}${liveness}${failures}`;
  return page('BioPass ID quality report', body, options);
}
