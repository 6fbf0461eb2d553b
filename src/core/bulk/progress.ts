import type { BulkProgress, BulkSummary, PersonResult } from './runner';

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The terminal's progress line: `1234/5000 persons · 412/s · ETA 9s · 3 failed`. */
export function progressLine(progress: BulkProgress): string {
  const seconds = progress.elapsedMs / 1000;
  const worked = progress.done - progress.skipped;
  const rate = seconds > 0 ? worked / seconds : 0;
  const remaining = progress.total - progress.done;
  const eta = remaining === 0 ? 0 : rate > 0 ? remaining / rate : Number.POSITIVE_INFINITY;
  const parts = [
    `${progress.done}/${progress.total} persons`,
    `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`,
    `ETA ${duration(eta)}`,
    `${progress.failed} failed`,
  ];
  if (progress.skipped > 0) parts.push(`${progress.skipped} already done`);
  return parts.join(' · ');
}

/** One plain line per person, for logs and pipes. */
export function personLine(result: PersonResult): string {
  const extra = [result.bioPassId ? `BioPassID ${result.bioPassId}` : '', result.cause ?? ''].filter((part) => part);
  return `${result.customId}: ${result.result}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
}

/** The order counts are told in. */
export const RESULT_ORDER = [
  'enrolled',
  'updated',
  'deleted',
  'already-done',
  'changed',
  'gated',
  'failed',
  'ambiguous',
  'invalid',
  'not-started',
  'planned',
] as const;

/** `bulk enroll: 4998 enrolled, 2 failed (12.3 s, 5000 requests)`. */
export function summaryLine(summary: BulkSummary): string {
  const counts = RESULT_ORDER.filter((kind) => summary.counts[kind]).map((kind) => `${summary.counts[kind]} ${kind}`);
  const what = counts.length > 0 ? counts.join(', ') : 'no one';
  return `bulk ${summary.command}: ${what} (${(summary.elapsedMs / 1000).toFixed(1)} s, ${summary.requests} request${summary.requests === 1 ? '' : 's'}${summary.pauses > 0 ? `, ${summary.pauses} rate-limit pause${summary.pauses === 1 ? '' : 's'}` : ''})`;
}
