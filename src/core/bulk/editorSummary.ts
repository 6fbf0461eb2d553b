import { RESULT_ORDER } from './progress';
import type { BulkSummary, PersonResult } from './types';

const VERB = { enroll: 'Enroll', update: 'Update', delete: 'Delete', rollback: 'Roll back' } as const;

/** Results that need someone to look at them. */
export function failuresOf(summary: BulkSummary): PersonResult[] {
  return summary.persons.filter(
    (person) => !['enrolled', 'updated', 'deleted', 'already-done', 'planned'].includes(person.result),
  );
}

/** The notification at the end of an editor run: `Enroll faces on sandbox: 10 enrolled, 2 failed.` */
export function editorSummaryMessage(summary: BulkSummary, name: string, environment: string): string {
  const counts = RESULT_ORDER.filter((kind) => summary.counts[kind]).map((kind) => `${summary.counts[kind]} ${kind}`);
  const head = `${VERB[summary.command]} ${name} on ${environment}`;
  if (summary.end === 'refused' || summary.end === 'invalid') {
    const first = summary.problems[0]?.message ?? summary.message ?? '';
    const more = summary.problems.length > 1 ? ` (and ${summary.problems.length - 1} more problems)` : '';
    return `${head}: nothing was sent. ${first}${more}`;
  }
  const tail = summary.end === 'stopped' || summary.end === 'cancelled' ? ` ${summary.message ?? ''}` : '';
  return `${head}: ${counts.length > 0 ? counts.join(', ') : 'no one'}.${tail}`;
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
