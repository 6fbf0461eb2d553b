import { acceptedKindsText, type ImageRole, imageKindProblem } from '../contract/images';
import { l10n } from '../l10n';
import { detectImageKind, type ImageKind } from './kind';
import { findStructureFault, type StructureFault } from './structure';

export interface StructureProblem {
  /** `truncated`: the file ends before its structure does; `malformed`: the structure contradicts itself. */
  fault: StructureFault['kind'];
  /** Names the file, the kind and what is wrong: "x.tif is a malformed TIFF: IFD at offset 8 points back to itself (a loop)." */
  message: string;
}

/**
 * Why an image of this kind is not well formed (cut short, or with a structure that contradicts
 * itself), or undefined when it is. The API could not decode such a file either, so it is refused
 * before anything is sent.
 */
export function structureProblem(name: string, bytes: Uint8Array, kind: ImageKind): StructureProblem | undefined {
  const fault = findStructureFault(bytes, kind);
  if (fault === undefined) return undefined;
  const message =
    fault.kind === 'truncated'
      ? l10n.t('{0} is a truncated {1}: {2}.', name, kind.toUpperCase(), fault.detail)
      : l10n.t('{0} is a malformed {1}: {2}.', name, kind.toUpperCase(), fault.detail);
  return { fault: fault.kind, message };
}

/**
 * Formats whose magic bytes are close to one the API takes, but which are not it: named, so the
 * message says more than "not an image". BigTIFF (version 43, 64-bit offsets) is one: the API's
 * formats are classic TIFF, and a fingerprint never needs more than 4 GB.
 */
export function unsupportedImageProblem(name: string, bytes: Uint8Array, role: ImageRole): string | undefined {
  const little = bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2b && bytes[3] === 0x00;
  const big = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0x00 && bytes[3] === 0x2b;
  if (!little && !big) return undefined;
  const kinds = acceptedKindsText(role);
  if (kinds === '')
    return l10n.t('{0} is a BigTIFF (TIFF version 43, 64-bit offsets), which this tool does not send.', name);
  return kinds.includes('TIFF')
    ? l10n.t(
        '{0} is a BigTIFF (TIFF version 43, 64-bit offsets), which this tool does not send: save it as {1} (a classic TIFF is version 42).',
        name,
        kinds,
      )
    : l10n.t(
        '{0} is a BigTIFF (TIFF version 43, 64-bit offsets), which this tool does not send: save it as {1}.',
        name,
        kinds,
      );
}

/**
 * Why an image file cannot be sent as a `role` image, or undefined when it can: it is not an
 * image of a kind the role takes, or it is cut short or malformed, which the API could not decode either.
 */
export function imageFileProblem(name: string, bytes: Uint8Array, role: ImageRole): string | undefined {
  const kind = detectImageKind(bytes);
  if (kind === undefined) return unsupportedImageProblem(name, bytes, role) ?? imageKindProblem(name, kind, role);
  return imageKindProblem(name, kind, role) ?? structureProblem(name, bytes, kind)?.message;
}
