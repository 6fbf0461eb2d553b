import { type JournalState, readJournal, replay } from './journal';
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
  const state: JournalState = replay(contents.header, contents.entries);
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
    runs: contents.entries.filter((entry) => entry.type === 'run').length,
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
    `Journal ${path}: bulk ${header.operation} of ${header.source}`,
    `  environment ${header.environment}, created ${header.created}, ${status.runs} run(s)`,
    `  ${status.planned} planned: ${counts.confirmed} confirmed, ${counts.failed} failed, ${counts.ambiguous} sent without an answer (reconciled by the next run), ${counts.pending} not sent yet`,
  ];
  if (status.rolledBack > 0) lines.push(`  ${status.rolledBack} rolled back (deleted)`);
  if (status.torn) lines.push('  its last line was cut short by an interrupted write; the next run drops it');
  for (const failure of status.failures.slice(0, 20)) lines.push(`  failed ${failure.customId}: ${failure.cause}`);
  if (status.failures.length > 20)
    lines.push(`  … and ${status.failures.length - 20} more failures (--report FILE lists them all)`);
  return lines;
}
