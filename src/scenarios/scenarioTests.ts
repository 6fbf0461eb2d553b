import vscode = require('vscode');

import { isScenarioFileName, SCENARIO_GLOB } from '../core/scenario/fileSuffix';
import { loadScenario, type PlannedStep, type ScenarioPlan } from '../core/scenario/load';
import type { ScenarioResult } from '../core/scenario/runner';
import { toRange } from './scenarioDocuments';

/** What a run reported for each item, in order: integration tests read it from here. */
export interface ReportedResult {
  readonly id: string;
  readonly state: 'started' | 'passed' | 'failed' | 'skipped' | 'errored';
  readonly message?: string;
  readonly line?: number;
  readonly durationMs?: number;
}

/** The record of the last run: what was reported per item, and the core results. */
export interface RunRecord {
  reported: ReportedResult[];
  results: ScenarioResult[];
}

/** Runs the items of a request (src/scenarios/scenarioRun.ts, handed in by main.ts). */
export type RunScenarios = (
  tests: ScenarioTests,
  request: vscode.TestRunRequest,
  token: vscode.CancellationToken,
) => Promise<void>;

/** What a test item stands for. */
export type ScenarioNode =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'scenario'; uri: vscode.Uri }
  | { kind: 'row'; uri: vscode.Uri; caseIndex: number }
  | { kind: 'step'; uri: vscode.Uri; caseIndex: number; step: PlannedStep };

/**
 * The Test Explorer's view of scenario files: file -> scenario -> steps, or -> data rows -> steps,
 * discovered in the workspace and kept current as files change. Runs go through scenarioRun.ts.
 */
export class ScenarioTests implements vscode.Disposable {
  readonly nodes = new WeakMap<vscode.TestItem, ScenarioNode>();
  readonly plans = new Map<string, ScenarioPlan>();
  /** What the last run reported (integration tests read it). */
  lastRun: RunRecord = { reported: [], results: [] };
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves once the first discovery has finished (tests wait on it). */
  readonly discovered: Promise<void>;

  /** The controller is created and disposed by src/scenarios/lazyScenarios.ts, before this bundle loads. */
  constructor(
    readonly controller: vscode.TestController,
    private readonly runItems: RunScenarios,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(SCENARIO_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.refresh(uri)),
      watcher.onDidChange((uri) => void this.refresh(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (isScenarioFileName(document.uri.path)) void this.refresh(document.uri);
      }),
    );
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile(
      vscode.l10n.t('Run'),
      vscode.TestRunProfileKind.Run,
      (request, token) => this.runItems(this, request, token),
      true,
    );
    this.discovered = this.discover();
  }

  async discover(): Promise<void> {
    const files = await vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**');
    await Promise.all(files.map((uri) => this.refresh(uri)));
  }

  /** Reads a scenario file again and rebuilds its items. */
  async refresh(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    if (uri.scheme !== 'file') return undefined;
    let plan: ScenarioPlan;
    try {
      // An open document's text, saved or not, is what the user sees and runs.
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      plan = await loadScenario(uri.fsPath, open?.getText());
    } catch {
      this.remove(uri);
      return undefined;
    }
    this.plans.set(uri.toString(), plan);
    const id = uri.toString();
    const file =
      this.controller.items.get(id) ?? this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
    this.nodes.set(file, { kind: 'file', uri });
    const scenario = this.controller.createTestItem(`${id}#scenario`, plan.name, uri);
    scenario.range = new vscode.Range(0, 0, 0, 0);
    this.nodes.set(scenario, { kind: 'scenario', uri });
    if (plan.problems.length > 0) {
      scenario.error = new vscode.MarkdownString(
        plan.problems
          .map((problem) => vscode.l10n.t('line {0}: {1}', problem.location.line + 1, problem.message))
          .join('\n\n'),
      );
    }
    const steps = (caseIndex: number) =>
      [...plan.steps, ...plan.teardown].map((step) => {
        const item = this.controller.createTestItem(
          `${id}#${caseIndex}/${step.phase}/${step.index}`,
          step.phase === 'teardown' ? vscode.l10n.t('{0} (teardown)', step.name) : step.name,
          uri,
        );
        item.range = toRange(undefined, step.location);
        item.sortText = `${step.phase === 'steps' ? 0 : 1}-${String(step.index).padStart(4, '0')}`;
        this.nodes.set(item, { kind: 'step', uri, caseIndex, step });
        return item;
      });
    if (plan.rows && plan.csvFile) {
      const csv = vscode.Uri.file(plan.csvFile);
      scenario.children.replace(
        plan.rows.map((row, caseIndex) => {
          const first = Object.values(row.values)[0];
          const item = this.controller.createTestItem(
            `${id}#row-${row.number}`,
            first ? vscode.l10n.t('row {0} ({1})', row.number, first) : vscode.l10n.t('row {0}', row.number),
            csv,
          );
          item.range = new vscode.Range(row.line, 0, row.line, 0);
          item.sortText = String(row.number).padStart(6, '0');
          this.nodes.set(item, { kind: 'row', uri, caseIndex });
          item.children.replace(steps(caseIndex));
          return item;
        }),
      );
    } else {
      scenario.children.replace(steps(0));
    }
    file.children.replace([scenario]);
    this.controller.items.add(file);
    return file;
  }

  remove(uri: vscode.Uri): void {
    this.plans.delete(uri.toString());
    this.controller.items.delete(uri.toString());
  }

  /** The file item of a scenario file, discovering it if it is new. */
  async fileItem(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    return (await this.refresh(uri)) ?? this.controller.items.get(uri.toString());
  }

  /** Runs a whole scenario file as the Test Explorer would (the Run CodeLens and command). */
  async runFile(uri: vscode.Uri): Promise<void> {
    const item = await this.fileItem(uri);
    if (!item) return;
    const cancel = new vscode.CancellationTokenSource();
    try {
      await this.runItems(this, new vscode.TestRunRequest([item]), cancel.token);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
