import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { useBundle } from '../core/l10n';
import { RunScenarioCodeLens } from './scenarioCodeLens';
import { ScenarioDiagnostics } from './scenarioDiagnostics';
import { SCENARIO_SELECTOR } from './scenarioDocuments';
import { ScenarioVariables } from './scenarioLanguage';
import { runScenarioItems } from './scenarioRun';
import { ScenarioTests } from './scenarioTests';

// This bundle's own copy of @vscode/l10n (see src/extension.ts) speaks VS Code's display language.
useBundle(vscode.l10n.bundle);

/** What src/scenarios/lazyScenarios.ts gets back once it loads this bundle. */
export interface ScenarioFeatures extends vscode.Disposable {
  readonly tests: ScenarioTests;
}

/**
 * Scenario files in the editor, bundled on its own (dist/scenarios.js): the Test Explorer's items
 * and runs on `controller`, the Problems panel's checks, the Run CodeLens, variable completions and
 * hovers. src/scenarios/lazyScenarios.ts loads it on first need; the services come from dist/main.js.
 */
export function start(controller: vscode.TestController, services: ExtensionServices): ScenarioFeatures {
  const tests = new ScenarioTests(controller, (items, request, token) =>
    runScenarioItems(items, services, request, token),
  );
  const disposables = vscode.Disposable.from(
    tests,
    new ScenarioDiagnostics(),
    vscode.languages.registerCodeLensProvider(SCENARIO_SELECTOR, new RunScenarioCodeLens()),
    vscode.languages.registerCompletionItemProvider(
      SCENARIO_SELECTOR,
      new ScenarioVariables(),
      ...ScenarioVariables.triggerCharacters,
    ),
    vscode.languages.registerHoverProvider(SCENARIO_SELECTOR, new ScenarioVariables()),
  );
  return { tests, dispose: () => disposables.dispose() };
}
