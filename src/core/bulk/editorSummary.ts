import { l10n } from '../l10n';
import { resultCounts } from './progress';
import type { BulkSummary, PersonResult } from './types';

/** `Enroll faces on sandbox`, in the reader's language. */
function heading(command: BulkSummary['command'], name: string, environment: string): string {
  switch (command) {
    case 'enroll':
      return l10n.t('Enroll {0} on {1}', name, environment);
    case 'update':
      return l10n.t('Update {0} on {1}', name, environment);
    case 'delete':
      return l10n.t('Delete {0} on {1}', name, environment);
    case 'rollback':
      return l10n.t('Roll back {0} on {1}', name, environment);
  }
}

/** Results that need someone to look at them. */
export function failuresOf(summary: BulkSummary): PersonResult[] {
  return summary.persons.needingAttention();
}

/** The notification at the end of an editor run: `Enroll faces on sandbox: 10 enrolled, 2 failed.` */
export function editorSummaryMessage(summary: BulkSummary, name: string, environment: string): string {
  const head = heading(summary.command, name, environment);
  if (summary.end === 'refused' || summary.end === 'invalid') {
    const first = summary.problems[0]?.message ?? summary.message ?? '';
    const more =
      summary.problems.length > 1 ? ` ${l10n.t('(and {0} more problems)', summary.problems.length - 1)}` : '';
    return `${l10n.t('{0}: nothing was sent.', head)} ${first}${more}`;
  }
  const tail = summary.end === 'stopped' || summary.end === 'cancelled' ? ` ${summary.message ?? ''}` : '';
  return `${head}: ${resultCounts(summary.counts)}.${tail}`;
}

/** The failures as table rows (CustomID, result, cause), for a quick pick that reads as a table. */
export function failureRows(summary: BulkSummary): { label: string; description: string; detail: string }[] {
  const rows = failuresOf(summary).map((person) => ({
    label: person.customId,
    description: person.result,
    detail: `${person.cause ?? ''}${person.files.length > 0 ? ` — ${person.files.join(', ')}` : ''}`,
  }));
  for (const problem of summary.problems) {
    if (problem.customId === undefined)
      rows.push({ label: problem.file ?? '', description: 'invalid', detail: problem.message });
  }
  return rows;
}
