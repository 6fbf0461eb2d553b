import vscode = require('vscode');

import { diagnoseScenario } from '../core/scenario/diagnostics';
import { loadScenario } from '../core/scenario/load';
import { DIAGNOSTIC_SOURCE } from '../requests/diagnostics';
import { isScenarioDocument, scenarioRoot, toRange } from './scenarioDocuments';

const DEBOUNCE_MS = 250;

/**
 * The scenario checks of core (src/core/scenario/diagnostics.ts) in the Problems panel: variables,
 * files, expectations. What the shipped JSON Schema reports (shape, types) VS Code reports itself.
 */
export class ScenarioDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('biopassid-scenarios');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => void this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.refresh(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) void this.refresh(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isScenarioDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, DEBOUNCE_MS),
    );
  }

  /** Checks now; returns the published diagnostics (tests use this). */
  async refresh(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    if (!isScenarioDocument(document) || document.uri.scheme !== 'file') {
      this.collection.delete(document.uri);
      return [];
    }
    const version = document.version;
    const plan = await loadScenario(document.uri.fsPath, document.getText());
    if (document.isClosed || document.version !== version) return [];
    const diagnostics = diagnoseScenario(plan, { allowedRoot: scenarioRoot(document.uri) })
      .filter((finding) => finding.code !== 'invalid-scenario')
      .map((finding) => {
        const diagnostic = new vscode.Diagnostic(
          toRange(document, finding.location),
          finding.message,
          finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.code;
        return diagnostic;
      });
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
