import type { BulkSummary } from './runner';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, safe to open in a spreadsheet: a value a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP
 * advises against CSV injection; then the cell is quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const REPORT_COLUMNS = ['customId', 'result', 'cause', 'status', 'bioPassId', 'files'] as const;

/** The report as CSV: one row per person, then one per problem that names no person. */
export function reportCsv(summary: BulkSummary): string {
  const rows: string[] = [REPORT_COLUMNS.join(',')];
  for (const person of summary.persons) {
    rows.push(
      [person.customId, person.result, person.cause, person.status, person.bioPassId, person.files.join(' ')]
        .map(csvCell)
        .join(','),
    );
  }
  for (const problem of summary.problems) {
    if (problem.customId !== undefined) continue;
    rows.push(['', 'invalid', problem.message, undefined, undefined, problem.file].map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The report as JSON: the run, the counts, every problem and every person. No image, no key. */
export function reportJson(summary: BulkSummary): string {
  return `${JSON.stringify(
    {
      command: summary.command,
      source: summary.source,
      journal: summary.journal,
      environment: summary.environment,
      end: summary.end,
      ...(summary.message === undefined ? {} : { message: summary.message }),
      counts: summary.counts,
      requests: summary.requests,
      rateLimitPauses: summary.pauses,
      elapsedMs: summary.elapsedMs,
      problems: summary.problems,
      persons: summary.persons,
    },
    null,
    2,
  )}\n`;
}
