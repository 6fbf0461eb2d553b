import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATIONS } from '../core/contract/operations';
import type { SingleImageOperation } from '../core/request/build';
import type { PreparedCall } from '../run/call';
import { imageCall, isPersonOperation, type PersonOperation } from '../run/imageCall';
import { pickImages, readImage } from '../run/images';
import { runCalls } from '../run/runCalls';
import { promptCustomId } from '../ui/customIdPrompt';
import { pickFinger } from '../ui/fingerPick';

export type ImageOperationSpec =
  | { operation: PersonOperation; biometric: 'face' | 'finger' }
  | { operation: SingleImageOperation; biometric: 'face' | 'finger' };

/**
 * An image action (Explorer menu, editor title, palette): for each selected image, read and
 * check it, ask what the operation needs (CustomID, which finger), then send them all at once.
 * Images that fail their checks are reported and never sent; cancelling a prompt sends nothing.
 */
export function imageOperation(spec: ImageOperationSpec) {
  return (services: ExtensionServices) =>
    async (...args: unknown[]) => {
      const title = OPERATIONS[spec.operation].title;
      const images = await pickImages(services, args, title);
      const calls: PreparedCall[] = [];
      const problems: string[] = [];
      for (const image of images) {
        const read = await readImage(services, image, spec.biometric);
        if (!read.ok) {
          problems.push(read.message);
          continue;
        }
        const from = { kind: 'image', uri: image.toString(), role: spec.biometric } as const;
        if (!isPersonOperation(spec.operation)) {
          calls.push(imageCall(spec.operation, read.base64, read.name, from));
          continue;
        }
        const customId = await promptCustomId(services, spec.operation, image);
        if (customId === undefined) return undefined;
        const finger = spec.biometric === 'finger' ? await pickFinger(services, read.name) : undefined;
        if (spec.biometric === 'finger' && finger === undefined) return undefined;
        calls.push(
          imageCall(spec.operation, read.base64, read.name, { ...from, ...(finger ? { finger } : {}) }, customId),
        );
      }
      if (problems.length > 0) {
        services.log.warn(`${title}: not sent\n  ${problems.join('\n  ')}`);
        void services.ui.showErrorMessage(
          problems.length === 1
            ? vscode.l10n.t('{0}: {1} Nothing was sent for it.', title, problems.join(' '))
            : vscode.l10n.t('{0}: {1} Nothing was sent for them.', title, problems.join(' ')),
        );
      }
      return runCalls(services, spec.operation, calls);
    };
}
