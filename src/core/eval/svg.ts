import { l10n } from '../l10n';
import { escapeHtml } from './html';
import type { Histogram, OperatingPoint } from './metrics';

const WIDTH = 460;
const HEIGHT = 320;
const MARGIN = { left: 56, right: 16, top: 16, bottom: 44 };
export const GENUINE_COLOUR = '#1a7f37';
export const IMPOSTOR_COLOUR = '#cf222e';

function frame(title: string, inner: string): string {
  return `<svg width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">${inner}</svg>`;
}

/**
 * The DET curve: FNMR against FMR, both on log axes from `floor` to 1 (rates of 0 sit on the
 * floor), with the EER point and the diagonal where FMR = FNMR.
 */
export function detSvg(points: readonly OperatingPoint[], eer: number | null, floor = 1e-4): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const decades = Math.log10(1 / floor);
  const x = (rate: number) => MARGIN.left + ((Math.log10(Math.max(rate, floor)) + decades) / decades) * plotW;
  const y = (rate: number) => MARGIN.top + plotH - ((Math.log10(Math.max(rate, floor)) + decades) / decades) * plotH;
  const grid: string[] = [];
  for (let k = 0; k <= decades; k++) {
    const rate = floor * 10 ** k;
    const label = k === decades ? '1' : `1e-${decades - k}`;
    grid.push(
      `<line x1="${x(rate)}" y1="${MARGIN.top}" x2="${x(rate)}" y2="${MARGIN.top + plotH}" stroke="#eaeef2"/>`,
      `<line x1="${MARGIN.left}" y1="${y(rate)}" x2="${MARGIN.left + plotW}" y2="${y(rate)}" stroke="#eaeef2"/>`,
      `<text x="${x(rate)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${label}</text>`,
      `<text x="${MARGIN.left - 6}" y="${y(rate) + 4}" text-anchor="end">${label}</text>`,
    );
  }
  const path = points.map((point) => `${x(point.fmr).toFixed(1)},${y(point.fnmr).toFixed(1)}`).join(' ');
  const eerMark =
    eer === null
      ? ''
      : `<circle cx="${x(eer).toFixed(1)}" cy="${y(eer).toFixed(1)}" r="4" fill="none" stroke="#0969da" stroke-width="2"/><text x="${(x(eer) + 8).toFixed(1)}" y="${(y(eer) - 6).toFixed(1)}">EER</text>`;
  return frame(
    l10n.t('DET curve'),
    `${grid.join('')}<line x1="${x(floor)}" y1="${y(floor)}" x2="${x(1)}" y2="${y(1)}" stroke="#afb8c1" stroke-dasharray="4 4"/>` +
      `<polyline points="${path}" fill="none" stroke="#0969da" stroke-width="2"/>${eerMark}` +
      `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(l10n.t('FMR (false match rate)'))}</text>` +
      `<text x="14" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${MARGIN.top + plotH / 2})">${escapeHtml(l10n.t('FNMR (false non-match rate)'))}</text>`,
  );
}

/** Genuine and impostor score histograms, each normalised to its own count, over shared bins. */
export function histogramSvg(histogram: Histogram, threshold: number | null): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bins = histogram.genuine.length;
  if (bins === 0)
    return frame(l10n.t('Score histograms'), `<text x="20" y="40">${escapeHtml(l10n.t('No scores.'))}</text>`);
  const total = (counts: number[]) =>
    Math.max(
      1,
      counts.reduce((sum, count) => sum + count, 0),
    );
  const shares = [histogram.genuine, histogram.impostor].map((counts) => counts.map((count) => count / total(counts)));
  const top = Math.max(...shares.flat(), 1e-9);
  const low = histogram.edges[0] as number;
  const high = histogram.edges[bins] as number;
  const x = (score: number) => MARGIN.left + ((score - low) / (high - low || 1)) * plotW;
  const barW = plotW / bins;
  const bars = shares
    .map((series, s) =>
      series
        .map((share, k) => {
          const h = (share / top) * plotH;
          return `<rect x="${(MARGIN.left + k * barW).toFixed(1)}" y="${(MARGIN.top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s === 0 ? GENUINE_COLOUR : IMPOSTOR_COLOUR}" fill-opacity="0.45"/>`;
        })
        .join(''),
    )
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const score = low + f * (high - low);
      return `<text x="${x(score).toFixed(1)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${escapeHtml(Math.round(score * 10) / 10)}</text>`;
    })
    .join('');
  const line =
    threshold === null
      ? ''
      : `<line x1="${x(threshold).toFixed(1)}" y1="${MARGIN.top}" x2="${x(threshold).toFixed(1)}" y2="${MARGIN.top + plotH}" stroke="#0969da" stroke-width="2" stroke-dasharray="5 3"/>`;
  return frame(
    l10n.t('Score histograms'),
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#8c959f"/>${bars}${line}${ticks}` +
      `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(l10n.t('score (share of each set per bin)'))}</text>`,
  );
}

/** Horizontal bars, one per labelled value in [0, 1] (ICAO fail rates). */
export function rateBarsSvg(rows: readonly { label: string; rate: number }[]): string {
  const rowH = 16;
  const height = MARGIN.top + rows.length * rowH + 24;
  const labelW = 170;
  const plotW = WIDTH + 160 - labelW - 60;
  const bars = rows
    .map((row, k) => {
      const y = MARGIN.top + k * rowH;
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(row.label)}</text><rect x="${labelW}" y="${y + 2}" width="${(row.rate * plotW).toFixed(1)}" height="${rowH - 4}" fill="${IMPOSTOR_COLOUR}" fill-opacity="0.6"/><text x="${(labelW + row.rate * plotW + 4).toFixed(1)}" y="${y + 12}">${escapeHtml((row.rate * 100).toFixed(1))}%</text>`;
    })
    .join('');
  return `<svg width="${WIDTH + 160}" height="${height}" viewBox="0 0 ${WIDTH + 160} ${height}" role="img" aria-label="${escapeHtml(l10n.t('ICAO fail rates'))}">${bars}</svg>`;
}

/** Vertical bars of a small histogram given as value -> count. */
export function countBarsSvg(title: string, counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  if (entries.length === 0) return frame(title, `<text x="20" y="40">${escapeHtml(l10n.t('No values.'))}</text>`);
  const top = Math.max(...entries.map(([, count]) => count));
  const barW = plotW / entries.length;
  const bars = entries
    .map(([value, count], k) => {
      const h = (count / top) * plotH;
      const x = MARGIN.left + k * barW;
      return `<rect x="${(x + 2).toFixed(1)}" y="${(MARGIN.top + plotH - h).toFixed(1)}" width="${Math.max(1, barW - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="#0969da" fill-opacity="0.6"/><text x="${(x + barW / 2).toFixed(1)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${escapeHtml(value)}</text><text x="${(x + barW / 2).toFixed(1)}" y="${(MARGIN.top + plotH - h - 4).toFixed(1)}" text-anchor="middle">${escapeHtml(count)}</text>`;
    })
    .join('');
  return frame(
    title,
    `${bars}<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(title)}</text>`,
  );
}
