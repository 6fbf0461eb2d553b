import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { type Sandbox, startSandbox } from '../../src/core/sandbox';
import { waitFor } from './extension';

/** Every setting a test may change; resetSettings() removes them all from the user settings. */
export const SETTINGS = [
  'environment',
  'customBaseUrl',
  'requestTimeoutSeconds',
  'maxConcurrentRequests',
  'maxImageSizeMB',
  'historySize',
  'openResultPanel',
] as const;
export type SettingName = (typeof SETTINGS)[number];

/** Sets a user setting and waits until the extension host reads the new value. */
export async function setSetting(name: SettingName, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('biopassid').update(name, value, vscode.ConfigurationTarget.Global);
  await waitFor(`biopassid.${name} to read ${JSON.stringify(value)}`, () =>
    vscode.workspace.getConfiguration('biopassid').inspect(name)?.globalValue === value ? true : undefined,
  );
}

export async function resetSettings(): Promise<void> {
  for (const name of SETTINGS) {
    if (vscode.workspace.getConfiguration('biopassid').inspect(name)?.globalValue !== undefined) {
      await setSetting(name, undefined);
    }
  }
}

/** A short random suffix, so CustomIDs and file names of one test never meet another's. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The extension's own local sandbox as the environment, started, with no persons and an empty log. */
export async function useExtensionSandbox(services: ExtensionServices): Promise<Sandbox> {
  await setSetting('environment', 'sandbox');
  const sandbox = await services.sandbox.start();
  sandbox.reset();
  return sandbox;
}

/**
 * A sandbox of the test's own, accepting only `keys`, as the `custom` environment. Close it when done.
 */
export async function useCustomSandbox(keys: string[]): Promise<Sandbox> {
  const sandbox = await startSandbox({ keys });
  await setSetting('customBaseUrl', sandbox.url);
  await setSetting('environment', 'custom');
  return sandbox;
}

/** A folder of files for one test, inside the workspace (else the temp folder); delete() removes it. */
export class ScratchFolder {
  private constructor(readonly uri: vscode.Uri) {}

  static async create(): Promise<ScratchFolder> {
    const parent = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(tmpdir());
    const folder = new ScratchFolder(vscode.Uri.joinPath(parent, unique('bpid-test')));
    await vscode.workspace.fs.createDirectory(folder.uri);
    return folder;
  }

  async write(name: string, bytes: Uint8Array): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(this.uri, name);
    await vscode.workspace.fs.writeFile(uri, bytes);
    return uri;
  }

  async delete(): Promise<void> {
    await vscode.workspace.fs.delete(this.uri, { recursive: true, useTrash: false });
  }
}

function findOutputDocument(): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(
    (document) => document.uri.scheme === 'output' && document.uri.path.includes('BioPass ID'),
  );
}

/** Shows the BioPass ID output channel and returns its document, as a user reads it. */
export async function outputDocument(): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('biopassid.showOutput');
  return waitFor('the BioPass ID output document', findOutputDocument);
}

/** Waits until the BioPass ID output channel shows text matching pattern, and returns all its text. */
export async function waitForOutput(pattern: string | RegExp): Promise<string> {
  const document = await outputDocument();
  return waitFor(`the output channel to show ${String(pattern)}`, () => {
    const text = document.getText();
    const found = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    return found ? text : undefined;
  });
}

/** Whether some editor tab shows uri. */
export function tabShowing(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => {
      // Text, custom (the image preview) and binary-file editors all carry the resource as `uri`.
      const shown = (tab.input as { uri?: unknown } | undefined)?.uri;
      return shown instanceof vscode.Uri && shown.toString() === uri.toString();
    });
}
