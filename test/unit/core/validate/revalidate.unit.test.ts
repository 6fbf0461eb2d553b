import * as assert from 'node:assert/strict';
import { clearLongStringCaches } from '../../../../src/core/validate/scanCache';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import { assertClean, codes, FACE_JPEG, FINGER_TIFF, pretty, summarize } from './helpers';

/** An image of `bytes` bytes: a real header, then filler, as in a large capture; far over the scan cache's threshold. */
function grown(base64: string, bytes: number, seed: number): string {
  const image = Buffer.from(base64, 'base64');
  const filler = Buffer.alloc(Math.max(0, bytes - image.length));
  for (let index = 0; index < filler.length; index++) filler[index] = (index * 131 + seed) & 0xff;
  return Buffer.concat([image, filler]).toString('base64');
}

const FACE = grown(FACE_JPEG, 60_000, 1);
const FINGER = grown(FINGER_TIFF, 60_000, 2);

function enroll(fingers: Record<string, string>): string {
  return pretty({ Person: { CustomID: 'edit-1', Face: [{ 'Face-1': FACE }], Fingers: [fingers] } });
}

/** The text with one character replaced, as one keystroke in an editor leaves it. */
function replaced(text: string, at: number, character: string): string {
  return text.slice(0, at) + character + text.slice(at + 1);
}

/** The middle of the `occurrence`-th image equal to `image` in `text`. */
function inside(text: string, image: string, occurrence = 0): number {
  let offset = -1;
  for (let seen = 0; seen <= occurrence; seen++) offset = text.indexOf(image, offset + 1);
  assert.notEqual(offset, -1);
  return offset + Math.floor(image.length / 2);
}

/** Validates `text` after `before`, and asserts the result is what a validation remembering nothing gives. */
function validateAfter(before: string, text: string) {
  validateRequest(before, { operation: 'enroll' });
  const result = validateRequest(text, { operation: 'enroll' });
  clearLongStringCaches();
  assert.deepEqual(result, validateRequest(text, { operation: 'enroll' }), 'differs from a validation from scratch');
  return result;
}

describe('validateRequest: validating again after an edit', () => {
  const text = enroll({ 'Finger-1': FINGER, 'Finger-2': FINGER });

  it('finds a character changed inside a multi-kilobyte image that was valid a keystroke ago', () => {
    assertClean(text, { operation: 'enroll' });
    const at = inside(text, FINGER, 1);
    const edited = replaced(text, at, '%');
    const result = validateAfter(text, edited);
    assert.deepEqual(
      result.diagnostics.map(({ code, offset, length }) => ({ code, offset, length })),
      [{ code: 'base64-alphabet', offset: at, length: 1 }],
      summarize(result.diagnostics),
    );
    // The same image as before, unchanged one more keystroke later, is still found valid.
    assert.deepEqual(validateAfter(edited, text).diagnostics, []);
  });

  it('reports a raw control character typed into an image as the syntax error it is', () => {
    const edited = replaced(text, inside(text, FACE), '\u0001');
    assert.deepEqual(codes(validateAfter(text, edited)), ['syntax-error']);
  });

  it('judges images of equal length apart: only the edited one is reported', () => {
    const other = grown(FINGER_TIFF, 60_000, 3);
    assert.equal(other.length, FINGER.length);
    const two = enroll({ 'Finger-1': FINGER, 'Finger-2': other });
    const at = inside(two, other);
    const result = validateAfter(two, replaced(two, at, '-'));
    assert.deepEqual(
      result.diagnostics.map(({ code, offset }) => ({ code, offset })),
      [{ code: 'base64-alphabet', offset: at }],
    );
  });

  it('gives the same result as from scratch after an edit of the CustomID, and after any image edit', () => {
    const customId = text.indexOf('edit-1') + 5;
    assert.deepEqual(validateAfter(text, replaced(text, customId, '2')).diagnostics, []);
    for (const [at, character] of [
      [text.indexOf(FACE) + FACE.length - 1, '='],
      [inside(text, FINGER), '\\'],
      [inside(text, FINGER), '"'],
      [inside(text, FACE), 'é'],
    ] as const) {
      validateAfter(text, replaced(text, at, character));
    }
  });
});
