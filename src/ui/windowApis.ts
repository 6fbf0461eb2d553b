import vscode = require('vscode');

import type { Redactor } from '../core/redact';

export type MessageLevel = 'information' | 'warning' | 'error';

/**
 * The only way features ask the user something or tell them something, show them a document, or
 * see what they are looking at (the active editor and tab). Integration tests answer prompts by
 * replacing these methods on the instance activate() returns: the one seam that is stubbed,
 * standing in for what a person would type or click. What features do to the workspace without
 * asking (trust, folders, files, commands, the clipboard) goes through WorkspaceApis. Code in
 * src/run and src/commands calls `vscode.window` only through here (a unit test checks).
 */
export class WindowApis {
  /** An output sink (see src/core/redact.ts): notifications and confirmations are redacted here. */
  constructor(private readonly redactor: Redactor) {}

  /** The text editor with focus, if any. */
  activeTextEditor(): vscode.TextEditor | undefined {
    return vscode.window.activeTextEditor;
  }

  /** The input of the active tab (a text editor, the image preview, …), if any. */
  activeTabInput(): unknown {
    return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  }

  showTextDocument(
    document: vscode.TextDocument,
    options?: vscode.TextDocumentShowOptions,
  ): Thenable<vscode.TextEditor> {
    return vscode.window.showTextDocument(document, options);
  }

  showInputBox(options: vscode.InputBoxOptions, token?: vscode.CancellationToken): Thenable<string | undefined> {
    return vscode.window.showInputBox(options, token);
  }

  showQuickPick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options?: vscode.QuickPickOptions,
  ): Thenable<T | undefined> {
    return vscode.window.showQuickPick(items, options);
  }

  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    return vscode.window.showOpenDialog(options);
  }

  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }

  /** A webview panel (the accuracy and quality reports). */
  createWebviewPanel(
    viewType: string,
    title: string,
    options: vscode.WebviewPanelOptions & vscode.WebviewOptions,
  ): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, options);
  }

  /** A modal confirmation; resolves to the chosen action's title, or undefined when cancelled. */
  confirm(message: string, detail: string, action: string): Thenable<string | undefined> {
    return this.presentModal(this.redactor.text(message), this.redactor.text(detail), action);
  }

  showInformationMessage(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.present('information', this.redactor.text(message), actions);
  }

  showWarningMessage(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.present('warning', this.redactor.text(message), actions);
  }

  showErrorMessage(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.present('error', this.redactor.text(message), actions);
  }

  /**
   * Shows a notification that has passed the redactor: the one place a notification reaches the
   * screen (tests stand in for the person here, after redaction, so they see what a person sees).
   */
  present(level: MessageLevel, message: string, actions: readonly string[]): Thenable<string | undefined> {
    if (level === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (level === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  }

  /** Shows a modal confirmation that has passed the redactor (see present). */
  presentModal(message: string, detail: string, action: string): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  }

  withProgress<R>(
    options: vscode.ProgressOptions,
    task: (
      progress: vscode.Progress<{ message?: string; increment?: number }>,
      token: vscode.CancellationToken,
    ) => Thenable<R>,
  ): Thenable<R> {
    return vscode.window.withProgress(options, task);
  }
}
