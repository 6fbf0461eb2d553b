import vscode = require('vscode');

/**
 * What features do to the workspace and the editor without asking the user anything: workspace
 * trust and folders, open documents, the workspace file system (remote and virtual folders too),
 * commands, the clipboard. Asking and telling go through WindowApis instead. Code in src/run and
 * src/commands calls `vscode.workspace`, `vscode.commands`, `vscode.env` and `vscode.languages`
 * only through here (a unit test checks). Integration tests leave it real.
 */
export class WorkspaceApis {
  /** False in Restricted Mode. */
  isTrusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  workspaceFolders(): readonly vscode.WorkspaceFolder[] {
    return vscode.workspace.workspaceFolders ?? [];
  }

  getWorkspaceFolder(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri);
  }

  /** The documents VS Code has open (untitled ones included). */
  textDocuments(): readonly vscode.TextDocument[] {
    return vscode.workspace.textDocuments;
  }

  openTextDocument(uri: vscode.Uri): Thenable<vscode.TextDocument> {
    return vscode.workspace.openTextDocument(uri);
  }

  setTextDocumentLanguage(document: vscode.TextDocument, languageId: string): Thenable<vscode.TextDocument> {
    return vscode.languages.setTextDocumentLanguage(document, languageId);
  }

  stat(uri: vscode.Uri): Thenable<vscode.FileStat> {
    return vscode.workspace.fs.stat(uri);
  }

  readFile(uri: vscode.Uri): Thenable<Uint8Array> {
    return vscode.workspace.fs.readFile(uri);
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): Thenable<void> {
    return vscode.workspace.fs.writeFile(uri, content);
  }

  executeCommand<T = unknown>(command: string, ...args: unknown[]): Thenable<T> {
    return vscode.commands.executeCommand<T>(command, ...args);
  }

  writeClipboard(text: string): Thenable<void> {
    return vscode.env.clipboard.writeText(text);
  }

  readClipboard(): Thenable<string> {
    return vscode.env.clipboard.readText();
  }
}
