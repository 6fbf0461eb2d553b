import vscode = require('vscode');

/** What the loaded extension provides for one view (src/sidebar/sidebarViews.ts). */
export type TreeSource = vscode.TreeDataProvider<unknown> | undefined;

/**
 * The sidebar's views are registered at activation (VS Code asks for them as soon as the
 * container opens) but their providers live in dist/main.js: each view here loads it on its
 * first request and forwards to the real provider from then on.
 */
export function registerLazySidebar(
  views: readonly { id: string; description?: string }[],
  source: (viewId: string) => TreeSource,
): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  for (const { id: viewId, description } of views) {
    const changed = new vscode.EventEmitter<unknown>();
    let subscribed = false;
    const real = (): TreeSource => {
      const provider = source(viewId);
      if (provider && !subscribed && provider.onDidChangeTreeData) {
        subscribed = true;
        disposables.push(provider.onDidChangeTreeData((element) => changed.fire(element)));
      }
      return provider;
    };
    const provider: vscode.TreeDataProvider<unknown> = {
      onDidChangeTreeData: changed.event,
      getChildren: (element) => real()?.getChildren(element) ?? [],
      getTreeItem: (element) => real()?.getTreeItem(element) ?? new vscode.TreeItem(''),
    };
    const view = vscode.window.createTreeView(viewId, { treeDataProvider: provider });
    if (description) view.description = description;
    disposables.push(changed, view);
  }
  return vscode.Disposable.from(...disposables);
}
