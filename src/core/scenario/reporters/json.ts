import type { Redactor } from '../../redact';
import type { ScenarioResult } from '../runner';
import { type NameFile, summarize } from './summary';

const at = (location: { line: number; character: number }) => ({
  line: location.line + 1,
  column: location.character + 1,
});

/** The machine report: the summary and every scenario, case and step (1-based lines), redacted. */
export function jsonReport(results: readonly ScenarioResult[], redactor: Redactor, nameFile: NameFile): string {
  const report = {
    summary: summarize(results),
    scenarios: results.map((result) => ({
      file: nameFile(result.file),
      name: result.name,
      passed: result.passed,
      cancelled: result.cancelled,
      durationMs: Math.round(result.durationMs),
      problems: result.problems.map((problem) => ({ message: problem.message, ...at(problem.location) })),
      cases: result.cases.map((each) => ({
        name: each.name,
        ...(each.row ? { row: each.row.number } : {}),
        passed: each.passed,
        durationMs: Math.round(each.durationMs),
        steps: each.steps.map((step) => ({
          name: step.name,
          phase: step.phase,
          operation: step.operation ?? null,
          status: step.status,
          durationMs: Math.round(step.durationMs),
          ...(step.httpStatus === undefined ? {} : { httpStatus: step.httpStatus }),
          ...(step.summary === undefined ? {} : { summary: step.summary }),
          ...(step.skipReason === undefined ? {} : { skipReason: step.skipReason }),
          failures: step.failures.map((failure) => ({ message: failure.message, ...at(failure.location) })),
        })),
      })),
    })),
  };
  return `${JSON.stringify(redactor.value(report), null, 2)}\n`;
}
