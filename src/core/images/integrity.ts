import { type ImageRole, imageKindProblem } from '../contract/images';
import { findFrame, type MarkerGrammar } from './dimensions';
import { detectImageKind, type ImageKind } from './kind';

/** The markers up to a JPEG's first scan (SOS); an EOI before it means there is no image data. */
const JPEG_TO_SCAN: MarkerGrammar = {
  isFrame: (m) => m === 0xda,
  isStandalone: (m) => m === 0x01 || (m >= 0xd0 && m <= 0xd8),
  endsHeader: (m) => m === 0xd9,
};
const JPEG_EOI = Buffer.from([0xff, 0xd9]);
/** An IEND chunk: zero length, then its type. */
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44]);

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Whether an image of this kind ends where its format says it ends. JPEG and PNG carry an end
 * marker (EOI after the scan data, where no 0xFF 0xD9 can occur otherwise; the IEND chunk), so
 * a file cut short by an interrupted copy or download lacks it. TIFF and WSQ are not checked.
 */
function isComplete(bytes: Uint8Array, kind: ImageKind): boolean {
  if (kind === 'jpeg') {
    const scan = findFrame(bytes, JPEG_TO_SCAN);
    return scan !== undefined && asBuffer(bytes).indexOf(JPEG_EOI, scan) !== -1;
  }
  if (kind === 'png') return asBuffer(bytes).indexOf(PNG_IEND, 8) !== -1;
  return true;
}

/** Why an image of this kind is cut short, or undefined when it ends as its format says. */
export function truncationProblem(name: string, bytes: Uint8Array, kind: ImageKind): string | undefined {
  if (isComplete(bytes, kind)) return undefined;
  const end = kind === 'jpeg' ? 'its end-of-image marker' : 'its IEND chunk';
  return `${name} is a truncated ${kind.toUpperCase()}: it ends before ${end} (an interrupted copy or download?).`;
}

/**
 * Why an image file cannot be sent as a `role` image, or undefined when it can: it is not an
 * image of a kind the role takes, or it is cut short, which the API could not decode either.
 */
export function imageFileProblem(name: string, bytes: Uint8Array, role: ImageRole): string | undefined {
  const kind = detectImageKind(bytes);
  return imageKindProblem(name, kind, role) ?? (kind ? truncationProblem(name, bytes, kind) : undefined);
}
