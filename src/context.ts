import type * as vscode from 'vscode';
import type { Config } from './config';
import type { Redactor } from './core/redact';
import type { Log } from './log';
import type { ResultPanels } from './panels/resultPanels';
import type { RequestDiagnostics } from './requests/diagnostics';
import type { RequestValidation } from './requests/requestValidation';
import type { RunRecord } from './scenarios/scenarioTests';
import type { RequestHistory } from './services/history';
import type { LocalSandbox } from './services/localSandbox';
import type { ResultImages } from './services/resultImages';
import type { SubscriptionKeyStore } from './services/subscriptionKeyStore';
import type { WindowApis } from './ui/windowApis';
import type { WorkspaceApis } from './ui/workspaceApis';

/** Scenario files in the Test Explorer (src/scenarios/lazyScenarios.ts). */
export interface Scenarios extends vscode.Disposable {
  readonly controller: vscode.TestController;
  /** What the last run reported (integration tests read it). */
  readonly lastRun: RunRecord;
  /** Runs a whole scenario file as the Test Explorer would (the Run CodeLens and command). */
  runFile(uri: vscode.Uri): Promise<void>;
  /** Loads dist/scenarios.js if a scenario document is already open. */
  loadForOpenDocuments(): void;
}

/**
 * What every command and feature is handed: built once in activate(), owned by the extension,
 * and returned from activate() so integration tests drive the same instances.
 */
export interface ExtensionServices {
  readonly extensionContext: vscode.ExtensionContext;
  readonly log: Log;
  readonly redactor: Redactor;
  readonly config: Config;
  /** Asks and tells the user (the seam integration tests answer through). */
  readonly ui: WindowApis;
  /** The workspace, commands and clipboard, without asking anyone. */
  readonly workspace: WorkspaceApis;
  readonly keys: SubscriptionKeyStore;
  readonly sandbox: LocalSandbox;
  readonly history: RequestHistory;
  readonly results: ResultImages;
  /** The result panels, and the response documents they open. */
  readonly panels: ResultPanels;
  readonly validation: RequestValidation;
  readonly diagnostics: RequestDiagnostics;
  /** Scenario files in the Test Explorer (dist/scenarios.js, loaded on first need). */
  readonly scenarios: Scenarios;
}
