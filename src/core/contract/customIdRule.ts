import { CUSTOM_ID_MAX_LENGTH } from './choices';

/**
 * The first part of CUSTOM_ID_RULES a CustomID breaks, checked in this order: empty, only
 * whitespace, a control character (C0 or DEL), a character beyond ASCII, longer than
 * CUSTOM_ID_MAX_LENGTH. `index` is where the character is, in UTF-16 units.
 */
export type CustomIdBreach =
  | { rule: 'empty' }
  | { rule: 'blank' }
  | { rule: 'control-character'; index: number }
  | { rule: 'non-ascii'; index: number }
  | { rule: 'too-long' };

/**
 * The one statement of the CustomID rule: the zod schema (src/core/contract/fields.ts, so the CLI,
 * the prompt and bulk plans) and the request validator (src/core/validate/customId.ts) both ask it.
 */
export function customIdBreach(value: string): CustomIdBreach | undefined {
  if (value === '') return { rule: 'empty' };
  if (value.trim() === '') return { rule: 'blank' };
  const control = firstControlCharacter(value);
  if (control !== undefined) return { rule: 'control-character', index: control };
  const outside = firstNonAscii(value);
  if (outside !== undefined) return { rule: 'non-ascii', index: outside };
  if (value.length > CUSTOM_ID_MAX_LENGTH) return { rule: 'too-long' };
  return undefined;
}

/** Where the first C0 control character or DEL is, if any. */
function firstControlCharacter(value: string): number | undefined {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || code === 0x7f) return index;
  }
  return undefined;
}

/** Where the first character beyond ASCII is (the first unit of a surrogate pair), if any. */
function firstNonAscii(value: string): number | undefined {
  for (let index = 0; index < value.length; index++) {
    if (value.charCodeAt(index) > 0x7f) return index;
  }
  return undefined;
}
