import { FINGER_KEYS, FINGER_NAMES } from '../contract/fields';

/** Where an image goes in the Person envelope: `Face-1` or `Finger-1`..`Finger-10`. */
export type ImageSlot = string;

export const FACE_SLOT = 'Face-1';

const FINGER_BY_NAME = new Map<string, string>(
  FINGER_NAMES.map((name, index) => [name.replace(' ', '-'), FINGER_KEYS[index] as string]),
);

/**
 * The slot a position name stands for, or undefined: `face`; `finger-1`..`finger-10` (also
 * `finger1`, `finger_1`, `Finger-1`, or the bare number); `right-thumb` … `left-little` (with `-`,
 * `_` or a space). Case does not matter.
 */
export function slotFromName(text: string): ImageSlot | undefined {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (name === 'face' || name === 'face-1') return FACE_SLOT;
  const numbered = /^(?:finger-?)?(\d{1,2})$/.exec(name);
  if (numbered) return FINGER_KEYS[Number(numbered[1]) - 1];
  return FINGER_BY_NAME.get(name);
}

export function isFaceSlot(slot: ImageSlot): boolean {
  return slot === FACE_SLOT;
}

/** The file name stem: `finger-2.tif` -> `finger-2`. */
export function stemOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

export const SLOT_NAMING =
  'face.jpg|png for the face; finger-1 … finger-10 (1 right thumb … 5 right little, 6 left thumb … 10 left little) or right-thumb, right-index, right-middle, right-ring, right-little, left-thumb … left-little, as .tif, .png or .wsq';
