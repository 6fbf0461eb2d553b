import vscode = require('vscode');

/**
 * The VS Code UI the result panels, response documents and sidebar reach: webview panels, tree
 * views, the save dialog and writing the files the user asked for. A sibling of WindowApis and
 * WorkspaceApis, so those features call no vscode.window or vscode.workspace directly.
 */
export class PanelApis {
  /** A webview panel beside the editor, keeping focus where it was (an answer must not steal it). */
  createWebviewPanel(
    viewType: string,
    title: string,
    options: vscode.WebviewPanelOptions & vscode.WebviewOptions,
  ): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(
      viewType,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      options,
    );
  }

  createTreeView<T>(id: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T> {
    return vscode.window.createTreeView(id, options);
  }

  registerTextDocumentContentProvider(scheme: string, provider: vscode.TextDocumentContentProvider): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(scheme, provider);
  }

  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): Thenable<void> {
    return vscode.workspace.fs.writeFile(uri, content);
  }
}
