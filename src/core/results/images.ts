import { FINGER_KEYS, fingerName } from '../contract/fields';
import type { OperationId } from '../contract/operations';
import { readImageDimensions } from '../images/dimensions';
import { detectImageKind } from '../images/kind';
import { l10n } from '../l10n';
import { formatSize } from '../redact';
import type { ShownImage } from './types';

/** Kinds a browser shows in an <img>; TIFF and WSQ are described instead. */
const MIME: Readonly<Record<string, string>> = { jpeg: 'image/jpeg', png: 'image/png' };

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** An image held in memory, as the page shows it. */
export function shownImage(label: string, bytes: Uint8Array): ShownImage {
  const kind = detectImageKind(bytes) ?? 'unknown';
  const dimensions = readImageDimensions(bytes);
  const size = dimensions ? `, ${dimensions.width} × ${dimensions.height}` : '';
  const mime = MIME[kind];
  return {
    label,
    kind,
    description: `${kind} ${formatSize(bytes.length)}${size}`,
    ...(dimensions ? { width: dimensions.width, height: dimensions.height } : {}),
    ...(mime ? { source: { mime, base64: Buffer.from(bytes).toString('base64') } } : {}),
  };
}

/** Enough of an image's start for its kind and, in nearly every file, its dimensions. */
const PREFIX_CHARS = 64 * 1024;

/**
 * An image given as base64: handed to the page as it is (the panel decodes it only when the page
 * asks for its bytes; a string that is not base64 breaks only its own picture), and only its first
 * 64 KB decoded here to read the kind and the dimensions.
 */
function fromBase64(label: string, value: unknown): ShownImage | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const prefix = Buffer.from(value.slice(0, PREFIX_CHARS), 'base64');
  const kind = detectImageKind(prefix) ?? 'unknown';
  const dimensions =
    readImageDimensions(prefix) ??
    (value.length > PREFIX_CHARS ? readImageDimensions(Buffer.from(value, 'base64')) : undefined);
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const size = dimensions ? `, ${dimensions.width} × ${dimensions.height}` : '';
  const mime = MIME[kind];
  return {
    label,
    kind,
    description: `${kind} ${formatSize(Math.floor((value.length * 3) / 4) - padding)}${size}`,
    ...(dimensions ? { width: dimensions.width, height: dimensions.height } : {}),
    ...(mime ? { source: { mime, base64: value } } : {}),
  };
}

/** The images a request carried, labelled as a person reads them (Face, Finger-2 right index…). */
export function sentImages(operation: OperationId, body: unknown): ShownImage[] {
  const root = object(body);
  const images: (ShownImage | undefined)[] = [];
  switch (operation) {
    case 'enroll':
    case 'verify':
    case 'update': {
      const person = object(root.Person);
      const face = Array.isArray(person.Face) ? object(person.Face[0]) : {};
      images.push(fromBase64(l10n.t('Face'), face['Face-1']));
      const fingers = Array.isArray(person.Fingers) ? object(person.Fingers[0]) : {};
      for (const key of FINGER_KEYS) images.push(fromBase64(`${key} (${fingerName(key)})`, fingers[key]));
      break;
    }
    case 'liveness':
      images.push(fromBase64(l10n.t('Sent'), object(root.Spoof).Image));
      break;
    case 'extract':
      images.push(fromBase64(l10n.t('Sent'), object(root.Extract).Artifact));
      break;
    case 'wsq_encode':
      images.push(fromBase64(l10n.t('Sent'), object(root.Encode).Image));
      break;
    case 'decode':
      images.push(fromBase64(l10n.t('Sent WSQ'), object(root.Decode).Wsq));
      break;
    case 'face_detect':
    case 'anonymizer':
    case 'check_icao':
    case 'icao_crop':
    case 'check_nfiq':
      images.push(fromBase64(l10n.t('Sent'), object(root.Check).Image));
      break;
    default:
      break;
  }
  return images.filter((image): image is ShownImage => image !== undefined);
}

/** A base64 image of the answer, as the page shows it. */
export function answerImage(label: string, value: unknown): ShownImage | undefined {
  return fromBase64(label, value);
}
