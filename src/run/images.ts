import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import type { ImageRole } from '../core/contract/images';
import { imageFileProblem } from '../core/images/integrity';
import { formatSize } from '../core/redact';

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'wsq'];

function isImage(uri: vscode.Uri): boolean {
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_EXTENSIONS.includes(extension);
}

/** The resource of the active editor tab: a text editor or a custom editor such as the image preview. */
function activeResource(services: ExtensionServices): vscode.Uri | undefined {
  const input = services.ui.activeTabInput();
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}

/**
 * The images a command acts on: the Explorer selection (menus pass the clicked file and the
 * whole selection), else the image in the active editor, else a file picker.
 */
export async function pickImages(services: ExtensionServices, args: unknown[], title: string): Promise<vscode.Uri[]> {
  const [clicked, selection] = args;
  if (Array.isArray(selection) && selection.length > 0 && selection.every((item) => item instanceof vscode.Uri)) {
    return (selection as vscode.Uri[]).filter(isImage);
  }
  if (clicked instanceof vscode.Uri) return [clicked];
  const active = activeResource(services);
  if (active && isImage(active)) return [active];
  const picked = await services.ui.showOpenDialog({
    title: vscode.l10n.t('BioPass ID {0}: choose images', title),
    canSelectMany: true,
    filters: { [vscode.l10n.t('Images')]: IMAGE_EXTENSIONS },
  });
  return picked ?? [];
}

export type ImageRead = { ok: true; base64: string; name: string } | { ok: false; message: string };

/**
 * Reads an image for sending and checks it first (size limit, then its kind and that it is whole),
 * through the workspace file system so remote and virtual folders work too. A failure explains
 * itself; nothing is sent for that image.
 */
export async function readImage(services: ExtensionServices, uri: vscode.Uri, role: ImageRole): Promise<ImageRead> {
  const name = uri.path.split('/').pop() ?? uri.toString();
  const limit = services.config.maxImageBytes;
  let bytes: Uint8Array;
  try {
    const stat = await services.workspace.stat(uri);
    if (stat.type & vscode.FileType.Directory)
      return { ok: false, message: vscode.l10n.t('{0} is a folder, not an image.', name) };
    if (stat.size === 0) return { ok: false, message: vscode.l10n.t('{0} is empty (0 bytes).', name) };
    if (stat.size > limit) {
      return {
        ok: false,
        message: vscode.l10n.t(
          '{0} is {1}, over the {2} limit (setting biopassid.maxImageSizeMB).',
          name,
          formatSize(stat.size),
          formatSize(limit),
        ),
      };
    }
    bytes = await services.workspace.readFile(uri);
  } catch (error) {
    return { ok: false, message: unreadable(name, error) };
  }
  const problem = imageFileProblem(name, bytes, role);
  if (problem) return { ok: false, message: problem };
  return { ok: true, base64: Buffer.from(bytes).toString('base64'), name };
}

/** What went wrong reading a file, in words: the file system's code alone (`Unknown`) says little. */
function unreadable(name: string, error: unknown): string {
  const code = error instanceof vscode.FileSystemError ? error.code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'FileNotFound') return vscode.l10n.t('{0} was not found (moved or deleted?).', name);
  if (code === 'NoPermissions') return vscode.l10n.t('{0} cannot be read: permission denied.', name);
  if (/\bELOOP\b/.test(text)) {
    return vscode.l10n.t('{0} is a symbolic link loop (too many levels of symbolic links).', name);
  }
  return vscode.l10n.t('{0} cannot be read ({1}).', name, code && code !== 'Unknown' ? code : text);
}
