import vscode = require('vscode');

import type { ExtensionServices } from '../context';
import { OPERATIONS, type OperationId } from '../core/contract/operations';
import { personRequest, type SingleImageOperation, singleImageRequest } from '../core/request/build';
import type { PreparedCall } from '../run/call';
import { pickImages, readImage } from '../run/images';
import { runCalls } from '../run/runCalls';
import { promptCustomId } from '../ui/customIdPrompt';
import { pickFinger } from '../ui/fingerPick';

type PersonOperation = Extract<OperationId, 'enroll' | 'verify' | 'update'>;

export type ImageOperationSpec =
  | { operation: PersonOperation; biometric: 'face' | 'finger' }
  | { operation: SingleImageOperation; biometric: 'face' | 'finger' };

function isPerson(operation: OperationId): operation is PersonOperation {
  return operation === 'enroll' || operation === 'verify' || operation === 'update';
}

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
        if (!isPerson(spec.operation)) {
          calls.push({
            operation: spec.operation,
            body: singleImageRequest(spec.operation, read.base64),
            source: read.name,
            context: {},
          });
          continue;
        }
        const customId = await promptCustomId(services, spec.operation, image);
        if (customId === undefined) return undefined;
        const finger = spec.biometric === 'finger' ? await pickFinger(services, read.name) : undefined;
        if (spec.biometric === 'finger' && finger === undefined) return undefined;
        calls.push({
          operation: spec.operation,
          body: personRequest(customId, finger ? { fingers: { [finger]: read.base64 } } : { face: read.base64 }),
          customId,
          source: read.name,
          context: { customId, sentFace: !finger, sentFingers: finger ? [finger] : [] },
        });
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
