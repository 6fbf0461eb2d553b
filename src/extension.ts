import vscode = require('vscode');

import { registerCommands } from './commands';
import { Config } from './config';
import type { ExtensionServices } from './context';
import { Redactor } from './core/redact';
import { Log } from './log';
import { RequestCodeActions } from './requests/codeActions';
import { SendCodeLens } from './requests/codeLens';
import { RequestDiagnostics } from './requests/diagnostics';
import { ImageHover } from './requests/hover';
import { REQUEST_SELECTOR, SCHEMA_SCHEME, SchemaDocuments } from './requests/requestDocuments';
import { RequestValidation } from './requests/requestValidation';
import { RequestHistory } from './services/history';
import { HISTORY_SCHEME, HistoryDocuments } from './services/historyDocuments';
import { LocalSandbox } from './services/localSandbox';
import { RESULT_SCHEME, ResultImages } from './services/resultImages';
import { SubscriptionKeyStore } from './services/subscriptionKeyStore';
import { KeyStatusBar } from './ui/statusBar';
import { WindowApis } from './ui/windowApis';

export const OUTPUT_CHANNEL_NAME = 'BioPass ID';

export function activate(context: vscode.ExtensionContext): ExtensionServices | undefined {
  try {
    const redactor = new Redactor();
    const log = new Log(OUTPUT_CHANNEL_NAME, redactor);
    const config = new Config();
    const keys = new SubscriptionKeyStore(context.secrets);
    const sandbox = new LocalSandbox(log);
    const history = new RequestHistory(context.globalState, () => config.historySize);
    const results = new ResultImages();
    const validation = new RequestValidation(config);
    const diagnostics = new RequestDiagnostics(validation);
    const services: ExtensionServices = {
      extensionContext: context,
      log,
      redactor,
      config,
      ui: new WindowApis(),
      keys,
      sandbox,
      history,
      results,
      validation,
      diagnostics,
    };
    const statusBar = new KeyStatusBar(services);
    const refresh = () => void statusBar.refresh();
    context.subscriptions.push(
      log,
      keys,
      sandbox,
      statusBar,
      ...registerCommands(services),
      vscode.workspace.registerFileSystemProvider(RESULT_SCHEME, results, { isReadonly: true }),
      vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, new HistoryDocuments(history)),
      diagnostics,
      vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, new SchemaDocuments(context.extensionUri)),
      vscode.languages.registerCodeLensProvider(REQUEST_SELECTOR, new SendCodeLens(validation)),
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
    );
    const version = String(context.extension.packageJSON.version ?? '');
    log.info(`BioPass ID ${version} activated. ${config.describeEnvironment()}`);
    refresh();
    return services;
  } catch (error) {
    // VS Code shows no notification when an extension fails to activate: say so ourselves.
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`BioPass ID failed to start: ${message}`);
    return undefined;
  }
}

export function deactivate(): void {}
