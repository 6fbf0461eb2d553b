import vscode = require('vscode');

import type { ExtensionServices } from './context';
import { useBundle } from './core/l10n';
import { isScenarioFileName, SCENARIO_GLOB } from './core/scenario/fileSuffix';
import type { ExtensionMain } from './main';
import { isRequestDocument, SCHEMA_SCHEME, SchemaDocuments } from './requests/requestFiles';
import { HISTORY_SCHEME } from './services/historyScheme';
import { RESULT_SCHEME, ResultImages } from './services/resultImages';
import { registerLazySidebar } from './sidebar/lazySidebar';
import type { Sidebar } from './sidebar/sidebarViews';

/**
 * Activation, kept small: the extension activates on every JSON document, settings.json included,
 * so in most windows it is never used. This bundle registers the commands, the schema, history and
 * result-image schemes, and watches for request documents; the rest (dist/main.js: services, the
 * validator, the providers, the status bar) is loaded on first need: a command, a request
 * document opened or already open, or a history entry shown.
 */

/** What activate() returns: integration tests reach the extension's services through it. */
export interface ExtensionApi {
  /** The services, loading the rest of the extension if it is not loaded yet; undefined if it failed to start. */
  services(): ExtensionServices | undefined;
  /** The activity bar views' providers, loading the rest if needed. */
  sidebar(): Sidebar | undefined;
}

/** The views of the BioPass ID activity bar container (package.json; src/sidebar/sidebarViews.ts). */
function sidebarViews() {
  return [
    { id: 'biopassid.environment' },
    // The API has no call that lists persons: say where these come from.
    { id: 'biopassid.persons', description: vscode.l10n.t('from this tool’s history (no list call in the API)') },
    { id: 'biopassid.history' },
  ];
}

interface CommandContribution {
  command: string;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // Core's strings in VS Code's display language. Each bundle in dist/ has its own copy of
  // @vscode/l10n, so dist/main.js and dist/accuracy.js set it too when they load.
  useBundle(vscode.l10n.bundle);
  const results = new ResultImages();
  let main: ExtensionMain | undefined;
  let failure: string | undefined;
  /** The watch for request documents, needed only until the rest is loaded (or failed to load). */
  let watch: vscode.Disposable | undefined;
  // VS Code shows nothing when an extension fails to start: say so ourselves.
  const announce = () =>
    void vscode.window.showErrorMessage(vscode.l10n.t('BioPass ID failed to start: {0}', failure ?? ''));
  const load = (): ExtensionMain | undefined => {
    if (main !== undefined || failure !== undefined) return main;
    try {
      // A separate bundle (see scripts/build.mjs): required here, on first need.
      main = (require('./main.js') as typeof import('./main')).start(context, results);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      announce();
    }
    // main's own listeners take over from here, so no keystroke pays for the watch any more.
    watch?.dispose();
    return main;
  };
  const run = (command: string, args: unknown[]) => {
    const failedBefore = failure !== undefined;
    const loaded = load();
    // A command run after a failed start says so again, rather than doing nothing.
    if (!loaded && failedBefore) announce();
    return loaded?.commands.get(command)?.(args);
  };
  const commands = (context.extension.packageJSON as { contributes?: { commands?: CommandContribution[] } }).contributes
    ?.commands;
  for (const { command } of commands ?? []) {
    context.subscriptions.push(vscode.commands.registerCommand(command, (...args: unknown[]) => run(command, args)));
  }
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(RESULT_SCHEME, results, { isReadonly: true }),
    // Showing a history entry loads the rest: the entries live there.
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, {
      provideTextDocumentContent: (uri, token) => load()?.historyDocuments.provideTextDocumentContent(uri, token),
    }),
    vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, new SchemaDocuments(context.extensionUri)),
    // Opening the BioPass ID sidebar loads the rest: its views read the history and the key store.
    registerLazySidebar(sidebarViews(), (viewId) => load()?.sidebar.tree(viewId)),
  );

  const loadFor = (document: vscode.TextDocument) => {
    if (main === undefined && (isRequestDocument(document) || isScenarioFileName(document.uri.path))) load();
  };
  watch = vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(loadFor),
    // A JSON document becomes a request when a `$schema` of ours is typed into it.
    vscode.workspace.onDidChangeTextDocument((event) => loadFor(event.document)),
  );
  context.subscriptions.push(watch);
  for (const document of vscode.workspace.textDocuments) loadFor(document);
  // Scenario files in the workspace belong in the Test Explorer from the start: look after activation.
  void vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**', 1).then((found) => {
    if (found.length > 0) load();
  });
  return { services: () => load()?.services, sidebar: () => load()?.sidebar };
}

export function deactivate(): void {}
