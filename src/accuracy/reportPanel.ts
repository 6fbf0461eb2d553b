import { randomBytes } from 'node:crypto';

import vscode = require('vscode');

import type { ExtensionServices } from '../context';

export const REPORT_VIEW_TYPE = 'biopassid.report';

export interface ShownReport {
  panel: vscode.WebviewPanel;
  /** The page to save: the same builder's output without the webview nonce or thumbnails. */
  fileHtml: string;
  suggestedName: string;
  folder: vscode.Uri;
}

/** The reports open now, most recently shown last: Save Report… saves the active one. */
const open: ShownReport[] = [];

/**
 * Shows a report in a webview: no scripts, a strict CSP with a nonce for the one style element
 * (set by the page builder), and local resources limited to the extension's media folder (the
 * report loads none: thumbnails come inline from memory).
 */
export function showReport(
  services: ExtensionServices,
  title: string,
  build: (nonce: string) => string,
  saved: Omit<ShownReport, 'panel'>,
): ShownReport {
  const panel = services.ui.createWebviewPanel(REPORT_VIEW_TYPE, title, {
    enableScripts: false,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(services.extensionContext.extensionUri, 'media')],
  });
  panel.webview.html = build(randomBytes(16).toString('base64'));
  const shown = { panel, ...saved };
  open.push(shown);
  panel.onDidChangeViewState(() => {
    if (!panel.active) return;
    open.splice(open.indexOf(shown), 1);
    open.push(shown);
  });
  panel.onDidDispose(() => open.splice(open.indexOf(shown), 1));
  return shown;
}

export function activeReport(): ShownReport | undefined {
  return open.find((report) => report.panel.active) ?? open[open.length - 1];
}
