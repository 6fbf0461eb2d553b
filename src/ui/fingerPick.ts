import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { FINGER_KEYS, FINGER_NAMES } from '../core/contract/fields';

/** Asks which finger an image holds: Finger-1..10, named by hand and finger. */
export async function pickFinger(services: ExtensionServices, imageName: string): Promise<string | undefined> {
  const items = FINGER_KEYS.map((key, index) => ({
    label: FINGER_NAMES[index] ?? key,
    description: key,
    key,
  }));
  const picked = await services.ui.showQuickPick(items, {
    title: vscode.l10n.t('Which finger is {0}?', imageName),
    placeHolder: vscode.l10n.t('Fingers 1-5 are the right hand (thumb to little), 6-10 the left'),
    ignoreFocusOut: true,
  });
  return picked?.key;
}
