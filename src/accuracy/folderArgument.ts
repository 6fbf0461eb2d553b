import vscode = require('vscode');

import type { ExtensionServices } from '../context';

/** The folder an Explorer right-click passed, else one the user picks. */
export async function folderArgument(
  services: ExtensionServices,
  argument: unknown,
  title: string,
): Promise<vscode.Uri | undefined> {
  if (isUri(argument)) return argument;
  const picked = await services.ui.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    title,
    openLabel: vscode.l10n.t('Choose Folder'),
  });
  return picked?.[0];
}

function isUri(value: unknown): value is vscode.Uri {
  return typeof value === 'object' && value !== null && 'scheme' in value && 'fsPath' in value;
}

/** Progress reporting in steps of whole percent: VS Code adds increments. */
export function progressReporter(progress: vscode.Progress<{ message?: string; increment?: number }>) {
  let reported = 0;
  return (done: number, total: number) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent <= reported && done !== total) return;
    progress.report({ message: vscode.l10n.t('{0} of {1} calls', done, total), increment: percent - reported });
    reported = percent;
  };
}
