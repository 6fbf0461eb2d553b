import { l10n } from '../l10n';
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
    l10n.t('{0}/{1} persons', progress.done, progress.total),
    `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`,
    l10n.t('ETA {0}', duration(eta)),
    l10n.t('{0} failed', progress.failed),
  ];
  if (progress.skipped > 0) parts.push(l10n.t('{0} already done', progress.skipped));
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

/** A result as a person reads it, in their language: `enrolled`, `already done`. */
export function resultLabel(kind: (typeof RESULT_ORDER)[number]): string {
  switch (kind) {
    case 'enrolled':
      return l10n.t({ message: 'enrolled', comment: 'bulk result, after a count of persons' });
    case 'updated':
      return l10n.t({ message: 'updated', comment: 'bulk result, after a count of persons' });
    case 'deleted':
      return l10n.t({ message: 'deleted', comment: 'bulk result, after a count of persons' });
    case 'already-done':
      return l10n.t({ message: 'already-done', comment: 'bulk result, after a count of persons' });
    case 'changed':
      return l10n.t({ message: 'changed', comment: 'bulk result, after a count of persons' });
    case 'gated':
      return l10n.t({ message: 'gated', comment: 'bulk result, after a count of persons' });
    case 'failed':
      return l10n.t({ message: 'failed', comment: 'bulk result, after a count of persons' });
    case 'ambiguous':
      return l10n.t({ message: 'ambiguous', comment: 'bulk result, after a count of persons' });
    case 'invalid':
      return l10n.t({ message: 'invalid', comment: 'bulk result, after a count of persons' });
    case 'not-started':
      return l10n.t({ message: 'not-started', comment: 'bulk result, after a count of persons' });
    case 'planned':
      return l10n.t({ message: 'planned', comment: 'bulk result, after a count of persons' });
  }
}

/** `4998 enrolled, 2 failed`, or `no one`. */
export function resultCounts(counts: BulkSummary['counts']): string {
  const told = RESULT_ORDER.filter((kind) => counts[kind]).map((kind) => `${counts[kind]} ${resultLabel(kind)}`);
  return told.length > 0 ? told.join(', ') : l10n.t('no one');
}

/** `bulk enroll: 4998 enrolled, 2 failed (12.3 s, 5000 requests)`. */
export function summaryLine(summary: BulkSummary): string {
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  const requests = summary.requests === 1 ? l10n.t('1 request') : l10n.t('{0} requests', summary.requests);
  const pauses =
    summary.pauses === 0
      ? ''
      : `, ${summary.pauses === 1 ? l10n.t('1 rate-limit pause') : l10n.t('{0} rate-limit pauses', summary.pauses)}`;
  return `bulk ${summary.command}: ${resultCounts(summary.counts)} (${seconds} s, ${requests}${pauses})`;
}
