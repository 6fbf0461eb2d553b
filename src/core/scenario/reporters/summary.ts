import type { ScenarioResult, StepResult } from '../runner';

export interface RunSummary {
  readonly scenarios: number;
  readonly steps: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Scenarios that could not run (syntax, shape, a missing CSV). */
  readonly broken: number;
  readonly durationMs: number;
  readonly ok: boolean;
}

export function allSteps(results: readonly ScenarioResult[]): StepResult[] {
  return results.flatMap((result) => result.cases.flatMap((each) => each.steps));
}

export function summarize(results: readonly ScenarioResult[]): RunSummary {
  const steps = allSteps(results);
  const count = (status: StepResult['status']) => steps.filter((step) => step.status === status).length;
  const broken = results.filter((result) => result.problems.length > 0).length;
  return {
    scenarios: results.length,
    steps: steps.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    broken,
    durationMs: results.reduce((total, result) => total + result.durationMs, 0),
    ok: results.length > 0 && results.every((result) => result.passed),
  };
}

/** `tests of <file>` relative to where the run started, for reports. */
export type NameFile = (file: string) => string;
