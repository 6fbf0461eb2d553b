import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { detectImageKind } from '../core/images/kind';

/** data: URIs of the named images (JPEG and PNG), read into memory for the webview only. */
export async function thumbnailsFrom(
  services: ExtensionServices,
  names: Iterable<string>,
  pathOf: (name: string) => string | undefined,
): Promise<Map<string, string>> {
  const thumbnails = new Map<string, string>();
  for (const name of names) {
    const path = pathOf(name);
    if (path === undefined || thumbnails.has(name)) continue;
    try {
      const bytes = await services.workspace.readFile(vscode.Uri.file(path));
      const kind = detectImageKind(bytes);
      if (kind === 'jpeg' || kind === 'png') {
        thumbnails.set(name, `data:image/${kind};base64,${Buffer.from(bytes).toString('base64')}`);
      }
    } catch {
      // A file gone since the run: no thumbnail.
    }
  }
  return thumbnails;
}
