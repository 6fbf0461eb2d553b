import { l10n } from '../../l10n';
import type { Redactor } from '../../redact';
import type { ScenarioResult, StepResult } from '../runner';
import { type NameFile, summarize } from './summary';

const MARK: Record<StepResult['status'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

const ms = (value: number) => `${Math.round(value)} ms`;

/** The human report: one line per step, failures with file:line:col, and a closing count. */
export function textReport(results: readonly ScenarioResult[], redactor: Redactor, nameFile: NameFile): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = nameFile(result.file);
    lines.push(`${result.name} (${file})`);
    for (const problem of result.problems) {
      lines.push(`  ${file}:${problem.location.line + 1}:${problem.location.character + 1}: error: ${problem.message}`);
    }
    for (const each of result.cases) {
      const indent = result.cases.length > 1 || each.row ? '    ' : '  ';
      if (indent.length > 2) lines.push(`  ${each.name}`);
      for (const step of each.steps) {
        const label = step.phase === 'teardown' ? l10n.t('{0} (teardown)', step.name) : step.name;
        const detail =
          step.status === 'skipped'
            ? ` (${step.skipReason})`
            : `${step.summary ? `: ${step.summary}` : ''} [${ms(step.durationMs)}]`;
        lines.push(`${indent}${MARK[step.status]} ${label}${detail}`);
        for (const failure of step.failures) {
          lines.push(
            `${indent}     ${file}:${failure.location.line + 1}:${failure.location.character + 1}: ${failure.message}`,
          );
        }
      }
    }
    if (result.cancelled) lines.push(`  ${l10n.t('cancelled')}`);
  }
  const summary = summarize(results);
  const counts = l10n.t(
    'Scenarios: {0}, steps: {1} passed, {2} failed, {3} skipped',
    summary.scenarios,
    summary.passed,
    summary.failed,
    summary.skipped,
  );
  const broken = summary.broken > 0 ? `, ${l10n.t('{0} scenario(s) could not run', summary.broken)}` : '';
  lines.push('', `${counts}${broken} (${ms(summary.durationMs)})`);
  return `${redactor.text(lines.join('\n'))}\n`;
}
