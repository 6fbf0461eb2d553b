import { getLocation } from 'jsonc-parser';

import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { IMAGE_EXTENSIONS, readImage } from '../run/images';

/**
 * `BioPass ID: Insert Image as Base64…`: a file picker, then the image's raw base64 (no data:
 * prefix) at the cursor: bare inside a string, as a JSON string elsewhere.
 */
export function insertImageBase64(services: ExtensionServices) {
  return async (): Promise<boolean> => {
    const editor = services.ui.activeTextEditor();
    if (!editor) {
      void services.ui.showWarningMessage(vscode.l10n.t('Open a request file to insert an image into.'));
      return false;
    }
    const picked = await services.ui.showOpenDialog({
      title: vscode.l10n.t('Insert an image as base64'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Images')]: IMAGE_EXTENSIONS },
    });
    const file = picked?.[0];
    if (!file) return false;
    const image = await readImage(services, file, 'faceOrFinger');
    if (!image.ok) {
      void services.ui.showErrorMessage(image.message);
      return false;
    }
    const document = editor.document;
    const offset = document.offsetAt(editor.selection.active);
    const inString = getLocation(document.getText(), offset).previousNode?.type === 'string';
    return editor.edit((edit) =>
      edit.replace(editor.selection, inString ? image.base64 : JSON.stringify(image.base64)),
    );
  };
}
