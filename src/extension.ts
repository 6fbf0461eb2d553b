import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config';
import type { ExtensionServices } from './context';
import { Redactor } from './core/redact';
import { Log } from './log';

export const OUTPUT_CHANNEL_NAME = 'BioPass ID';

export function activate(context: vscode.ExtensionContext): ExtensionServices | undefined {
  try {
    const redactor = new Redactor();
    const log = new Log(OUTPUT_CHANNEL_NAME, redactor);
    context.subscriptions.push(log);
    const config = new Config();
    const version = String(context.extension.packageJSON.version ?? '');
    log.info(`BioPass ID ${version} activated. ${config.describeEnvironment()}`);

    const services: ExtensionServices = { extensionContext: context, log, config };
    context.subscriptions.push(
      ...registerCommands(services),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (Config.affectsEnvironment(event)) log.info(config.describeEnvironment());
      }),
    );
    return services;
  } catch (error) {
    // VS Code shows no notification when an extension fails to activate: say so ourselves.
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`BioPass ID failed to start: ${message}`);
    return undefined;
  }
}

export function deactivate(): void {}
