import { l10n } from '../l10n';
import { type JournalState, readJournal } from './journal';
import type { JournalHeader } from './records';

export interface JournalStatus {
  header: JournalHeader;
  runs: number;
  planned: number;
  /** The journal's own operation, by last state of each person. */
  counts: Record<'confirmed' | 'failed' | 'ambiguous' | 'pending', number>;
  rolledBack: number;
  torn: boolean;
  failures: { customId: string; cause: string }[];
  ambiguous: string[];
}

/** What a journal says, without sending anything: for `bulk status`. */
export function journalStatus(path: string): JournalStatus {
  const contents = readJournal(path);
  const state: JournalState = contents.state;
  const counts = { confirmed: 0, failed: 0, ambiguous: 0, pending: 0 };
  const failures: { customId: string; cause: string }[] = [];
  const ambiguous: string[] = [];
  const ids = new Set([...state.planned.keys(), ...state.main.keys()]);
  for (const customId of ids) {
    const progress = state.main.get(customId);
    if (!progress) counts.pending++;
    else if (progress.state === 'confirmed') counts.confirmed++;
    else if (progress.state === 'failed') {
      counts.failed++;
      failures.push({ customId, cause: progress.cause ?? '' });
    } else {
      counts.ambiguous++;
      ambiguous.push(customId);
    }
  }
  let rolledBack = 0;
  for (const progress of state.rollback.values()) if (progress.state === 'confirmed') rolledBack++;
  return {
    header: contents.header,
    runs: contents.runs,
    planned: state.planned.size,
    counts,
    rolledBack,
    torn: contents.torn,
    failures,
    ambiguous,
  };
}

export function statusLines(path: string, status: JournalStatus): string[] {
  const { header, counts } = status;
  const lines = [
    l10n.t('Journal {0}: bulk {1} of {2}', path, header.operation, header.source),
    `  ${l10n.t('environment {0}, created {1}, {2} run(s)', header.environment, header.created, status.runs)}`,
    `  ${l10n.t(
      '{0} planned: {1} confirmed, {2} failed, {3} sent without an answer (reconciled by the next run), {4} not sent yet',
      status.planned,
      counts.confirmed,
      counts.failed,
      counts.ambiguous,
      counts.pending,
    )}`,
  ];
  if (status.rolledBack > 0) lines.push(`  ${l10n.t('{0} rolled back (deleted)', status.rolledBack)}`);
  if (status.torn)
    lines.push(`  ${l10n.t('its last line was cut short by an interrupted write; the next run drops it')}`);
  for (const failure of status.failures.slice(0, 20))
    lines.push(`  ${l10n.t('failed {0}: {1}', failure.customId, failure.cause)}`);
  if (status.failures.length > 20)
    lines.push(`  ${l10n.t('… and {0} more failures (--report FILE lists them all)', status.failures.length - 20)}`);
  return lines;
}
