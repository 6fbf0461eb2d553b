import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { OperationId } from '../contract/operations';
import type { Client } from '../http/client';
import type { Outcome } from '../http/outcome';
import { l10n } from '../l10n';
import { sentBiometrics } from '../request/fileName';
import { verdict } from '../verdict';
import { checkExpectations } from './expectations';
import type { DataRow, PlannedStep, ScenarioPlan } from './load';
import type { Location } from './locations';
import { type PreparedStepBody, prepareStepBody, readStepImages } from './requests';
import { fillBody, VariableError, type VariableScope } from './variables';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepFailure {
  readonly message: string;
  /** Where in the scenario file: the expectation that failed, else the step. */
  readonly location: Location;
}

export interface StepResult {
  readonly name: string;
  readonly phase: PlannedStep['phase'];
  readonly index: number;
  readonly operation: OperationId | undefined;
  readonly status: StepStatus;
  readonly durationMs: number;
  readonly httpStatus?: number;
  /** The one-line answer (redacted), e.g. `Verify alice-0001: match (…)`. */
  readonly summary?: string;
  readonly failures: readonly StepFailure[];
  /** Why it was skipped (an earlier failure, a cancellation). */
  readonly skipReason?: string;
}

export interface CaseResult {
  /** `row 2 (bob-0002)` with data rows, else the scenario name. */
  readonly name: string;
  readonly row?: DataRow;
  readonly steps: readonly StepResult[];
  readonly passed: boolean;
  readonly durationMs: number;
}

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly cases: readonly CaseResult[];
  /** What kept the scenario from running at all. */
  readonly problems: readonly StepFailure[];
  readonly passed: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

export type RunEvent =
  | { readonly type: 'case-started'; readonly caseIndex: number; readonly row?: DataRow }
  | { readonly type: 'step-started'; readonly caseIndex: number; readonly step: PlannedStep }
  | {
      readonly type: 'step-finished';
      readonly caseIndex: number;
      readonly step: PlannedStep;
      readonly result: StepResult;
    }
  | { readonly type: 'case-finished'; readonly caseIndex: number; readonly result: CaseResult };

export interface RunOptions {
  readonly client: Client;
  /** `$file` images, request files and the CSV must be inside this folder. */
  readonly allowedRoot: string;
  /** What `{{env.NAME}}` reads. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Texts no variable may put into a request: the subscription key. */
  readonly secrets: readonly string[];
  /** `{{run.id}}`; generated when not given. */
  readonly runId?: string;
  /** Cancels the run: the step in flight is aborted, the rest skipped, teardown still runs. */
  readonly signal?: AbortSignal;
  readonly maxImageBytes?: number;
  /** Only these cases (by index) run; all when not given. */
  readonly onlyCases?: ReadonlySet<number>;
  readonly onEvent?: (event: RunEvent) => void;
  readonly now?: () => number;
}

/** A short id for `{{run.id}}`: 8 hex characters, new each run. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

function caseName(plan: ScenarioPlan, row: DataRow | undefined): string {
  if (!row) return plan.name;
  const first = Object.values(row.values)[0];
  return first ? l10n.t('row {0} ({1})', row.number, first) : l10n.t('row {0}', row.number);
}

/** A run of the scenario's steps for one case: its answers and the shared caches. */
class CaseRun {
  readonly answers = new Map<string, unknown>();
  readonly results: StepResult[] = [];
  failed = false;

  constructor(
    readonly index: number,
    readonly row: DataRow | undefined,
  ) {}
}

export async function runScenario(plan: ScenarioPlan, options: RunOptions): Promise<ScenarioResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const runId = options.runId ?? newRunId();
  const problems = plan.problems.map(({ message, location }) => ({ message, location }));
  if (!plan.scenario || problems.length > 0) {
    if (problems.length === 0)
      problems.push({ message: l10n.t('not a scenario'), location: { offset: 0, length: 0, line: 0, character: 0 } });
    return { file: plan.file, name: plan.name, cases: [], problems, passed: false, cancelled: false, durationMs: 0 };
  }
  const imageOptions = {
    allowedRoot: options.allowedRoot,
    images: new Map<string, Promise<string>>(),
    ...(options.maxImageBytes === undefined ? {} : { maxImageBytes: options.maxImageBytes }),
  };
  const prepared = new Map<PlannedStep, Promise<PreparedStepBody>>();
  const prepare = (step: PlannedStep) => {
    let body = prepared.get(step);
    if (!body) {
      body = prepareStepBody(plan, step, imageOptions);
      // Failures are reported by the step that awaits it; this keeps an unawaited one quiet.
      body.catch(() => {});
      prepared.set(step, body);
    }
    return body;
  };
  const variables = plan.scenario.variables ?? {};
  const rows: readonly (DataRow | undefined)[] = plan.rows ?? [undefined];
  const cases: CaseResult[] = [];

  const runStep = async (run: CaseRun, step: PlannedStep, signal: AbortSignal | undefined): Promise<StepResult> => {
    const base = { name: step.name, phase: step.phase, index: step.index, operation: step.operation };
    const stepStarted = now();
    const failed = (message: string, location = step.location, extra: Partial<StepResult> = {}): StepResult => ({
      ...base,
      status: 'failed',
      durationMs: now() - stepStarted,
      failures: [{ message, location }],
      ...extra,
    });
    const operation = step.operation;
    if (!operation)
      return failed(
        l10n.t('no operation: set "operation", or name the request file like {0}', 'alice.enroll.biopass.json'),
      );
    let body: unknown;
    try {
      const ready = await prepare(step);
      const scope: VariableScope = {
        runId,
        env: options.env,
        ...(run.row ? { row: run.row.values } : {}),
        variables,
        answers: run.answers,
        secrets: options.secrets,
      };
      body = ready.hasVariables ? fillBody(ready.body, scope) : ready.body;
      if (ready.filePaths) body = await readStepImages(body, dirname(plan.file), imageOptions);
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }

    const timeoutMs = step.step.timeoutSeconds === undefined ? undefined : step.step.timeoutSeconds * 1000;
    const timer = timeoutMs === undefined ? undefined : new AbortController();
    const handle = timer && setTimeout(() => timer.abort(new Error('step timeout')), timeoutMs);
    const stepSignal = timer ? (signal ? AbortSignal.any([signal, timer.signal]) : timer.signal) : signal;
    let outcome: Outcome;
    try {
      outcome = await options.client.send(operation, body, stepSignal ? { signal: stepSignal } : {});
    } finally {
      clearTimeout(handle);
    }
    const httpStatus = outcome.status === undefined ? {} : { httpStatus: outcome.status };
    if (timer?.signal.aborted && !signal?.aborted) {
      return failed(
        l10n.t('timed out after {0} s (timeoutSeconds)', step.step.timeoutSeconds ?? 0),
        step.location,
        httpStatus,
      );
    }
    if (signal?.aborted) return failed(l10n.t('cancelled'), step.location, httpStatus);
    if (outcome.kind === 'success' || outcome.kind === 'logical-failure') run.answers.set(step.name, outcome.body);
    const summary =
      outcome.kind === 'success' ? verdict(operation, outcome.body, sentBiometrics(body)) : outcome.summary;
    const failures = checkExpectations(operation, outcome, step.step.expect).map((failure) => ({
      message: failure.message,
      location: step.locationOf(failure.expectation),
    }));
    return {
      ...base,
      status: failures.length === 0 ? 'passed' : 'failed',
      durationMs: now() - stepStarted,
      ...httpStatus,
      summary,
      failures,
    };
  };

  const skipped = (step: PlannedStep, reason: string): StepResult => ({
    name: step.name,
    phase: step.phase,
    index: step.index,
    operation: step.operation,
    status: 'skipped',
    durationMs: 0,
    failures: [],
    skipReason: reason,
  });

  for (const [caseIndex, row] of rows.entries()) {
    if (options.onlyCases && !options.onlyCases.has(caseIndex)) continue;
    const caseStarted = now();
    const run = new CaseRun(caseIndex, row);
    options.onEvent?.({ type: 'case-started', caseIndex, ...(row ? { row } : {}) });
    const record = (step: PlannedStep, result: StepResult) => {
      run.results.push(result);
      if (result.status === 'failed') run.failed = true;
      options.onEvent?.({ type: 'step-finished', caseIndex, step, result });
    };
    for (const step of plan.steps) {
      if (options.signal?.aborted) record(step, skipped(step, l10n.t('cancelled')));
      else if (run.failed) record(step, skipped(step, l10n.t('an earlier step failed')));
      else {
        options.onEvent?.({ type: 'step-started', caseIndex, step });
        record(step, await runStep(run, step, options.signal));
      }
    }
    // Teardown always runs, after a failure or a cancellation too: it is not given the run's signal.
    for (const step of plan.teardown) {
      options.onEvent?.({ type: 'step-started', caseIndex, step });
      record(step, await runStep(run, step, undefined));
    }
    const result: CaseResult = {
      name: caseName(plan, row),
      ...(row ? { row } : {}),
      steps: run.results,
      passed: !run.failed,
      durationMs: now() - caseStarted,
    };
    cases.push(result);
    options.onEvent?.({ type: 'case-finished', caseIndex, result });
  }
  const cancelled = options.signal?.aborted === true;
  return {
    file: plan.file,
    name: plan.name,
    cases,
    problems,
    passed: !cancelled && cases.every((result) => result.passed),
    cancelled,
    durationMs: now() - started,
  };
}

export { VariableError };
