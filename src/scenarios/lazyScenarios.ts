import vscode = require('vscode');

import type { ExtensionServices, Scenarios } from '../context';
import { SCENARIO_GLOB } from '../core/scenario/fileSuffix';
import type { ScenarioFeatures } from './index';
import { isScenarioDocument } from './scenarioDocuments';
import type { RunRecord } from './scenarioTests';

/**
 * The scenario features as dist/main.js holds them: the Test Explorer's controller at once, the
 * rest (dist/scenarios.js: discovery, runs, diagnostics, CodeLens) loaded on first need: a scenario
 * document opened or already open, a scenario file created or changed, the Testing view resolving
 * the controller, or a run.
 */
export class LazyScenarios implements Scenarios {
  readonly controller = vscode.tests.createTestController('biopassid.scenarios', vscode.l10n.t('BioPass ID scenarios'));
  private features: ScenarioFeatures | undefined;
  /** The watches that load the rest, needed only until it is loaded. */
  private watch: vscode.Disposable | undefined;

  constructor(private readonly services: () => ExtensionServices) {
    this.controller.resolveHandler = async (item) => {
      if (item === undefined) await this.load().tests.discovered;
    };
    const watcher = vscode.workspace.createFileSystemWatcher(SCENARIO_GLOB);
    const loadFor = (document: vscode.TextDocument) => {
      if (isScenarioDocument(document)) this.load();
    };
    this.watch = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate(() => this.load()),
      watcher.onDidChange(() => this.load()),
      vscode.workspace.onDidOpenTextDocument(loadFor),
      // A JSON document becomes a scenario when the scenario `$schema` is typed into it.
      vscode.workspace.onDidChangeTextDocument((event) => loadFor(event.document)),
    );
  }

  /** Loads the rest if a scenario document is already open (called once the services exist). */
  loadForOpenDocuments(): void {
    if (vscode.workspace.textDocuments.some(isScenarioDocument)) this.load();
  }

  /** Loads the rest if it is not loaded yet. */
  load(): ScenarioFeatures {
    if (this.features === undefined) {
      // A separate bundle (see scripts/build.mjs): required here, on first need.
      this.features = (require('./index.js') as typeof import('./index')).start(this.controller, this.services());
      this.watch?.dispose();
      this.watch = undefined;
    }
    return this.features;
  }

  /** What the last run reported (integration tests read it). */
  get lastRun(): RunRecord {
    return this.load().tests.lastRun;
  }

  /** Runs a whole scenario file as the Test Explorer would (the Run CodeLens and command). */
  runFile(uri: vscode.Uri): Promise<void> {
    return this.load().tests.runFile(uri);
  }

  dispose(): void {
    this.watch?.dispose();
    this.features?.dispose();
    this.controller.dispose();
  }
}
