import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import type { ScenarioPlan } from '../core/scenario/load';
import { textReport } from '../core/scenario/reporters/text';
import { type RunEvent, runScenario, type StepResult } from '../core/scenario/runner';
import { resolveTarget } from '../run/target';
import { scenarioRoot, toRange } from './scenarioDocuments';
import type { ReportedResult, RunRecord, ScenarioTests } from './scenarioTests';

interface Selection {
  plan: ScenarioPlan;
  uri: vscode.Uri;
  /** Undefined: every case. */
  cases: Set<number> | undefined;
}

/** Which files and cases a request asks for: a file, a scenario, a row or a step (its whole case runs). */
function select(tests: ScenarioTests, request: vscode.TestRunRequest): Selection[] {
  const chosen = new Map<string, Selection>();
  const items: vscode.TestItem[] = [];
  if (request.include) items.push(...request.include);
  else
    tests.controller.items.forEach((item) => {
      items.push(item);
    });
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  for (const item of items) {
    const node = tests.nodes.get(item);
    if (!node || excluded.has(item.id)) continue;
    const plan = tests.plans.get(node.uri.toString());
    if (!plan) continue;
    const key = node.uri.toString();
    const existing = chosen.get(key) ?? { plan, uri: node.uri, cases: new Set<number>() };
    if (node.kind === 'file' || node.kind === 'scenario') existing.cases = undefined;
    else existing.cases?.add(node.caseIndex);
    chosen.set(key, existing);
  }
  return [...chosen.values()];
}

/** Every step item under an item, for enqueueing. */
function leaves(item: vscode.TestItem): vscode.TestItem[] {
  const found: vscode.TestItem[] = [];
  item.children.forEach((child) => {
    found.push(...(child.children.size > 0 ? leaves(child) : [child]));
  });
  return found;
}

/**
 * Runs the selected scenarios against the current environment (asking first on production; the
 * key, the sandbox and the trust check as for every request), reporting each step to the Test
 * Explorer with its duration, each failure at the expectation that failed. Cancelling aborts the
 * step in flight; teardown still runs.
 */
export async function runScenarioItems(
  tests: ScenarioTests,
  services: ExtensionServices,
  request: vscode.TestRunRequest,
  token: vscode.CancellationToken,
): Promise<void> {
  const selections = select(tests, request);
  const lastRun: RunRecord = { reported: [], results: [] };
  tests.lastRun = lastRun;
  if (selections.length === 0) return;
  if (services.config.environment === 'production') {
    const names = selections.map((selection) => `"${selection.plan.name}"`).join(', ');
    const runLabel = vscode.l10n.t('Run');
    const answer = await services.ui.confirm(
      vscode.l10n.t('Run {0} on PRODUCTION?', names),
      vscode.l10n.t('Scenarios enroll, verify and delete real biometric records in the production environment.'),
      runLabel,
    );
    if (answer !== runLabel) return;
  }
  const target = await resolveTarget(services, 'verify');
  if (!target) return;
  const key =
    target.environment === 'sandbox'
      ? services.sandbox.current?.key
      : (await services.keys.get(target.environment))?.key;

  const run = tests.controller.createTestRun(request, vscode.l10n.t('BioPass ID scenarios'));
  const record = (item: vscode.TestItem, entry: Omit<ReportedResult, 'id'>) =>
    lastRun.reported.push({ id: item.id, ...entry });
  const abort = new AbortController();
  const cancelled = token.onCancellationRequested(() => abort.abort());
  const redact = (text: string) => services.redactor.text(text);
  try {
    run.appendOutput(`${vscode.l10n.t('Running against {0}', target.describe)}\r\n`);
    for (const selection of selections) {
      const file = await tests.fileItem(selection.uri);
      const plan = tests.plans.get(selection.uri.toString()) ?? selection.plan;
      if (!file) continue;
      const scenarioItem = file.children.get(`${file.id}#scenario`);
      for (const leaf of leaves(file)) run.enqueued(leaf);
      const document = services.workspace
        .textDocuments()
        .find((open) => open.uri.toString() === selection.uri.toString());
      const stepItem = (caseIndex: number, step: { phase: string; index: number }) => {
        const id = `${file.id}#${caseIndex}/${step.phase}/${step.index}`;
        let found: vscode.TestItem | undefined;
        const visit = (item: vscode.TestItem) => {
          if (item.id === id) found = item;
          item.children.forEach(visit);
        };
        visit(file);
        return found;
      };
      const onEvent = (event: RunEvent) => {
        if (event.type === 'step-started') {
          const item = stepItem(event.caseIndex, event.step);
          if (item) {
            run.started(item);
            record(item, { state: 'started' });
          }
        } else if (event.type === 'step-finished') {
          const item = stepItem(event.caseIndex, event.step);
          if (item) report(run, item, event.result, selection.uri, document, record, redact);
        } else if (event.type === 'case-finished') {
          const row = file.children
            .get(`${file.id}#scenario`)
            ?.children.get(`${file.id}#row-${event.result.row?.number}`);
          if (row) {
            if (event.result.passed) run.passed(row, event.result.durationMs);
            else
              run.failed(
                row,
                new vscode.TestMessage(vscode.l10n.t('{0} failed', event.result.name)),
                event.result.durationMs,
              );
          }
        }
      };
      const result = await runScenario(plan, {
        client: target.client,
        allowedRoot: scenarioRoot(selection.uri),
        env: process.env,
        secrets: key ? [key] : [],
        signal: abort.signal,
        ...(selection.cases ? { onlyCases: selection.cases } : {}),
        onEvent,
      });
      lastRun.results.push(result);
      if (scenarioItem) {
        if (result.problems.length > 0) {
          const problem = result.problems[0];
          const message = new vscode.TestMessage(redact(result.problems.map((p) => p.message).join('\n')));
          if (problem) message.location = new vscode.Location(selection.uri, toRange(document, problem.location));
          run.errored(scenarioItem, message);
          record(scenarioItem, {
            state: 'errored',
            message: String(message.message),
            ...(problem ? { line: problem.location.line } : {}),
          });
        } else if (result.passed) run.passed(scenarioItem, result.durationMs);
        else
          run.failed(
            scenarioItem,
            new vscode.TestMessage(
              result.cancelled ? vscode.l10n.t('cancelled') : vscode.l10n.t('{0} failed', plan.name),
            ),
            result.durationMs,
          );
      }
      run.appendOutput(
        textReport([result], services.redactor, (path) => vscode.workspace.asRelativePath(path)).replace(/\n/g, '\r\n'),
      );
      services.log.info(
        `Scenario ${plan.name}: ${result.passed ? 'passed' : result.cancelled ? 'cancelled' : 'failed'} against ${target.describe}`,
      );
      if (abort.signal.aborted) break;
    }
  } finally {
    cancelled.dispose();
    run.end();
  }
}

function report(
  run: vscode.TestRun,
  item: vscode.TestItem,
  result: StepResult,
  uri: vscode.Uri,
  document: vscode.TextDocument | undefined,
  record: (item: vscode.TestItem, entry: Omit<ReportedResult, 'id'>) => void,
  redact: (text: string) => string,
): void {
  if (result.status === 'passed') {
    run.passed(item, result.durationMs);
    record(item, { state: 'passed', durationMs: result.durationMs });
    if (result.summary) run.appendOutput(`${redact(result.summary)}\r\n`, undefined, item);
    return;
  }
  if (result.status === 'skipped') {
    run.skipped(item);
    record(item, { state: 'skipped', ...(result.skipReason ? { message: result.skipReason } : {}) });
    return;
  }
  const messages = result.failures.map((failure) => {
    const message = new vscode.TestMessage(redact(failure.message));
    message.location = new vscode.Location(uri, toRange(document, failure.location));
    return message;
  });
  run.failed(item, messages, result.durationMs);
  const first = result.failures[0];
  record(item, {
    state: 'failed',
    message: redact(first?.message ?? 'failed'),
    durationMs: result.durationMs,
    ...(first ? { line: first.location.line } : {}),
  });
}
