import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { sampleFaceJpeg } from '../core/images/samples';
import { imageCall } from '../run/imageCall';
import { pickImages, readImage } from '../run/images';
import { runCalls } from '../run/runCalls';
import { customIdOf } from './resultCommands';

/** `Verify an Image Against…` on a Persons item: pick a face image, verify it under that CustomID. */
export function verifyListedPerson(services: ExtensionServices) {
  return async (argument: unknown, image?: unknown) => {
    const customId = customIdOf(argument);
    if (customId === undefined) return undefined;
    const [uri] = await pickImages(services, image === undefined ? [] : [image], vscode.l10n.t('Verify {0}', customId));
    if (!uri) return undefined;
    const read = await readImage(services, uri, 'face');
    if (!read.ok) {
      void services.ui.showErrorMessage(vscode.l10n.t('Verify {0}: {1} Nothing was sent.', customId, read.message));
      return undefined;
    }
    return runCalls(services, 'verify', [
      imageCall('verify', read.base64, read.name, { kind: 'image', uri: uri.toString(), role: 'face' }, customId),
    ]);
  };
}

/** `Open a Sample Face`: a synthetic face drawn in code, in a read-only in-memory tab, to try the actions on. */
export function openSampleFace(services: ExtensionServices) {
  return async () => {
    const uri = services.results.add('sample-face.jpg', sampleFaceJpeg(1));
    await services.workspace.executeCommand('vscode.open', uri);
    return uri;
  };
}
