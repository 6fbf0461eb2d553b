import vscode = require('vscode');

import { type CommandHandler, commandHandlers } from './commands';
import { Config } from './config';
import type { ExtensionServices } from './context';
import { useBundle } from './core/l10n';
import { Redactor } from './core/redact';
import { Log } from './log';
import { RESPONSE_SCHEME } from './panels/responseDocuments';
import { ResultPanels } from './panels/resultPanels';
import { RequestCodeActions } from './requests/codeActions';
import { SendCodeLens } from './requests/codeLens';
import { RequestDiagnostics } from './requests/diagnostics';
import { ImageHover } from './requests/hover';
import { REQUEST_SELECTOR } from './requests/requestDocuments';
import { RequestValidation } from './requests/requestValidation';
import { LazyScenarios } from './scenarios/lazyScenarios';
import { RequestHistory } from './services/history';
import { HistoryDocuments } from './services/historyDocuments';
import { LocalSandbox } from './services/localSandbox';
import type { ResultImages } from './services/resultImages';
import { SubscriptionKeyStore } from './services/subscriptionKeyStore';
import { Sidebar } from './sidebar/sidebarViews';
import { promptForKey } from './ui/keyPrompt';
import { PanelApis } from './ui/panelApis';
import { KeyStatusBar } from './ui/statusBar';
import { WindowApis } from './ui/windowApis';
import { WorkspaceApis } from './ui/workspaceApis';

export const OUTPUT_CHANNEL_NAME = 'BioPass ID';

/** What src/extension.ts gets back once it loads this bundle. */
export interface ExtensionMain {
  readonly services: ExtensionServices;
  /** The handlers of every command in package.json, by id. */
  readonly commands: ReadonlyMap<string, CommandHandler>;
  /** Serves history entries under HISTORY_SCHEME. */
  readonly historyDocuments: vscode.TextDocumentContentProvider;
  /** The activity bar views' providers (registered by src/extension.ts). */
  readonly sidebar: Sidebar;
}

/**
 * Everything the extension does beyond recognising its files: built when src/extension.ts first
 * needs it (a command, a request document, a history entry), not at activation. Its disposables
 * go to the extension context. Throws when the set-up fails; the caller says so.
 */
export function start(context: vscode.ExtensionContext, results: ResultImages): ExtensionMain {
  // This bundle's own copy of @vscode/l10n (see src/extension.ts) speaks VS Code's display language.
  useBundle(vscode.l10n.bundle);
  const redactor = new Redactor();
  const log = new Log(OUTPUT_CHANNEL_NAME, redactor);
  const config = new Config();
  const keys = new SubscriptionKeyStore(context.secrets, redactor);
  const sandbox = new LocalSandbox(log);
  const history = new RequestHistory(context.globalState, () => config.historySize, redactor);
  const validation = new RequestValidation(config);
  const diagnostics = new RequestDiagnostics(validation);
  const services: ExtensionServices = {
    extensionContext: context,
    log,
    redactor,
    config,
    ui: new WindowApis(redactor),
    workspace: new WorkspaceApis(),
    keys,
    sandbox,
    history,
    results,
    validation,
    diagnostics,
    // dist/scenarios.js reads the services when it loads, built by then.
    scenarios: new LazyScenarios(() => services),
    panels: new ResultPanels(
      {
        extensionUri: context.extensionUri,
        redact: (text) => redactor.text(text),
        viewLogs: () => log.show(),
        copy: (text) => services.workspace.writeClipboard(text),
        executeCommand: (id, ...args) => services.workspace.executeCommand(id, ...args),
        setKey: async () => (await promptForKey(services, config.environment)) !== undefined,
      },
      new PanelApis(),
    ),
  };
  const sidebar = new Sidebar(services);
  const refreshSidebar = () => sidebar.refresh();
  const statusBar = new KeyStatusBar(services);
  const refresh = () => void statusBar.refresh();
  context.subscriptions.push(
    log,
    keys,
    sandbox,
    statusBar,
    diagnostics,
    vscode.languages.registerCodeLensProvider(REQUEST_SELECTOR, new SendCodeLens(validation)),
    services.scenarios,
    vscode.languages.registerHoverProvider(REQUEST_SELECTOR, new ImageHover()),
    vscode.languages.registerCodeActionsProvider(
      REQUEST_SELECTOR,
      new RequestCodeActions(validation),
      RequestCodeActions.metadata,
    ),
    keys.onDidChange(refresh),
    sandbox.onDidChange(refresh),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!Config.affectsEnvironment(event)) return;
      log.info(config.describeEnvironment(sandbox.current?.url));
      refresh();
    }),
    services.panels,
    services.panels.apis.registerTextDocumentContentProvider(RESPONSE_SCHEME, services.panels.responses),
    sidebar,
    keys.onDidChange(refreshSidebar),
    sandbox.onDidChange(refreshSidebar),
    history.onDidChange(refreshSidebar),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Config.affectsEnvironment(event)) refreshSidebar();
    }),
  );
  const version = String(context.extension.packageJSON.version ?? '');
  log.info(`BioPass ID ${version} activated. ${config.describeEnvironment()}`);
  refresh();
  services.scenarios.loadForOpenDocuments();
  return {
    services,
    commands: commandHandlers(services),
    historyDocuments: new HistoryDocuments(history),
    sidebar,
  };
}
