import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import {
  environmentItems,
  historyItems,
  personItems,
  personsFromHistory,
  type SidebarItem,
} from '../core/sidebar/models';
import { SubscriptionKeyStore } from '../services/subscriptionKeyStore';

export const SIDEBAR_VIEW_IDS = {
  environment: 'biopassid.environment',
  persons: 'biopassid.persons',
  history: 'biopassid.history',
} as const;

/** A tree over SidebarItem models (pure functions in src/core/sidebar), refreshed on demand. */
export class SidebarTree implements vscode.TreeDataProvider<SidebarItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly items: () => SidebarItem[] | Promise<SidebarItem[]>) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: SidebarItem): Promise<SidebarItem[]> {
    return element ? (element.children ?? []) : await this.items();
  }

  getTreeItem(item: SidebarItem): vscode.TreeItem {
    const tree = new vscode.TreeItem(
      item.label,
      item.children ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    tree.id = item.id;
    if (item.description) tree.description = item.description;
    if (item.tooltip) tree.tooltip = item.tooltip;
    if (item.contextValue) tree.contextValue = item.contextValue;
    tree.iconPath = new vscode.ThemeIcon(item.icon);
    if (item.command)
      tree.command = { command: item.command.id, title: item.command.title, arguments: item.command.arguments };
    return tree;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The three views of the BioPass ID activity bar container, built over the services. */
export class Sidebar implements vscode.Disposable {
  readonly environment: SidebarTree;
  readonly persons: SidebarTree;
  readonly history: SidebarTree;

  constructor(services: ExtensionServices) {
    const redact = (items: SidebarItem[]): SidebarItem[] =>
      items.map((item) => ({
        ...item,
        label: services.redactor.text(item.label),
        ...(item.description ? { description: services.redactor.text(item.description) } : {}),
        ...(item.tooltip ? { tooltip: services.redactor.text(item.tooltip) } : {}),
        ...(item.children ? { children: redact(item.children) } : {}),
      }));
    this.environment = new SidebarTree(async () => {
      const { config, keys, sandbox } = services;
      const environment = config.environment;
      const stored = environment === 'sandbox' ? undefined : await keys.get(environment);
      const keyState =
        stored?.source === 'environment-variable' ? vscode.l10n.t('from env') : SubscriptionKeyStore.describe(stored);
      const described = config.describeEnvironment(sandbox.current?.url);
      return redact(
        environmentItems({
          environment,
          baseUrl: described.replace(/^[^(]*\(|\)$/g, ''),
          ...(environment === 'sandbox' ? {} : { keyState }),
          ...(sandbox.current ? { sandboxUrl: sandbox.current.url } : {}),
        }),
      );
    });
    this.persons = new SidebarTree(() => redact(personItems(personsFromHistory(services.history.entries()))));
    this.history = new SidebarTree(() => redact(historyItems(services.history.entries())));
  }

  tree(viewId: string): SidebarTree | undefined {
    if (viewId === SIDEBAR_VIEW_IDS.environment) return this.environment;
    if (viewId === SIDEBAR_VIEW_IDS.persons) return this.persons;
    if (viewId === SIDEBAR_VIEW_IDS.history) return this.history;
    return undefined;
  }

  refresh(): void {
    this.environment.refresh();
    this.persons.refresh();
    this.history.refresh();
  }

  dispose(): void {
    this.environment.dispose();
    this.persons.dispose();
    this.history.dispose();
  }
}
