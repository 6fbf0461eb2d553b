import * as assert from 'node:assert/strict';
import { CUSTOM_ID_MAX_LENGTH } from '../../../../src/core/contract/choices';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import {
  assertClean,
  assertDiagnostic,
  assertFixCleans,
  codes,
  FACE_JPEG,
  FINGER_PNG,
  FINGER_TIFF,
  offsetOf,
  pretty,
  single,
} from './helpers';

describe('validateRequest: Person envelope', () => {
  describe('a missing biometric', () => {
    for (const operation of ['enroll', 'verify', 'update'] as const) {
      it(`is an error on the Person key for ${operation}`, () => {
        const text = pretty({ Person: { CustomID: '1234' } });
        const diagnostic = single(text, { operation });
        assertDiagnostic(diagnostic, { code: 'missing-biometric', offset: offsetOf(text, '"Person"'), length: 8 });
        assert.match(diagnostic.message, new RegExp(`${operation} request needs at least one image`));
        assert.match(diagnostic.message, /400 "Invalid JSON format"/);
      });
    }

    it('is no error for delete, nor without an operation (the request may be a delete)', () => {
      const text = pretty({ Person: { CustomID: '1234' } });
      assertClean(text, { operation: 'delete' });
      assert.deepEqual(assertClean(text).operations, ['enroll', 'verify', 'update', 'delete']);
    });

    it('is not reported when a misspelt key means Face or Fingers', () => {
      const text = pretty({ Person: { CustomID: '1234', fingers: [{ 'Finger-1': FINGER_TIFF }] } });
      const diagnostic = single(text, { operation: 'enroll' });
      assert.equal(diagnostic.code, 'unknown-key');
      assertFixCleans(text, diagnostic, { operation: 'enroll' });
    });
  });

  describe('Face', () => {
    it('explains that only Face-1 exists and renames Face-2 when Face-1 is absent', () => {
      const text = pretty({ Person: { CustomID: '1234', Face: [{ 'Face-2': FACE_JPEG }] } });
      const diagnostic = single(text, { operation: 'enroll' });
      assertDiagnostic(diagnostic, { code: 'unknown-face-key', offset: offsetOf(text, '"Face-2"'), length: 8 });
      assert.match(diagnostic.message, /Only "Face-1" exists: the API takes one face image per person/);
      assertFixCleans(text, diagnostic, { operation: 'enroll' });
    });

    it('removes Face-2 when Face-1 is already there', () => {
      const text = pretty({ Person: { CustomID: '1234', Face: [{ 'Face-1': FACE_JPEG, 'Face-2': FACE_JPEG }] } });
      const diagnostic = single(text);
      assertDiagnostic(diagnostic, { code: 'unknown-face-key', offset: offsetOf(text, '"Face-2"'), length: 8 });
      assert.equal(diagnostic.fix?.title, 'Remove "Face-2"');
      assertFixCleans(text, diagnostic);
    });

    it('renames a wrongly cased face-1', () => {
      const text = pretty({ Person: { CustomID: '1234', Face: [{ face_1: FACE_JPEG }] } });
      const diagnostic = single(text);
      assertDiagnostic(diagnostic, { code: 'unknown-face-key', offset: offsetOf(text, '"face_1"'), length: 8 });
      assertFixCleans(text, diagnostic);
    });

    it('requires exactly one object in the Face array', () => {
      const two = pretty({ Person: { CustomID: '1234', Face: [{ 'Face-1': FACE_JPEG }, { 'Face-1': FACE_JPEG }] } });
      const diagnostic = single(two);
      const second = two.indexOf('{', offsetOf(two, '},') + 1);
      assertDiagnostic(diagnostic, {
        code: 'biometric-array-length',
        offset: second,
        length: two.indexOf('}', second) + 1 - second,
      });
      assert.match(diagnostic.message, /Person.Face holds 2 objects; the API takes exactly one/);
      assert.equal(diagnostic.fix?.title, 'Keep only the first object');
      assertFixCleans(two, diagnostic);

      const empty = '{ "Person": { "CustomID": "1234", "Face": [] } }';
      assertDiagnostic(single(empty, { operation: 'enroll' }), {
        code: 'biometric-array-length',
        offset: offsetOf(empty, '[]'),
        length: 2,
      });
    });
  });

  describe('Fingers', () => {
    it('renames finger-1 (case) and Finger01, and names the finger', () => {
      for (const key of ['finger-1', 'Finger01', 'right thumb']) {
        const text = pretty({ Person: { CustomID: '1234', Fingers: [{ [key]: FINGER_TIFF }] } });
        const diagnostic = single(text);
        assertDiagnostic(diagnostic, {
          code: 'unknown-finger-key',
          offset: offsetOf(text, `"${key}"`),
          length: key.length + 2,
        });
        assert.match(diagnostic.message, /is spelt "Finger-1" \(right thumb\)/);
        assertFixCleans(text, diagnostic);
      }
    });

    it('explains the numbering of a finger outside 1..10, without guessing which finger was meant', () => {
      for (const key of ['Finger-11', 'Finger-0']) {
        const text = pretty({
          Person: { CustomID: '1234', Fingers: [{ 'Finger-1': FINGER_TIFF, [key]: FINGER_TIFF }] },
        });
        const diagnostic = single(text);
        assertDiagnostic(diagnostic, {
          code: 'unknown-finger-key',
          offset: offsetOf(text, `"${key}"`),
          length: key.length + 2,
        });
        assert.match(
          diagnostic.message,
          /is not a finger: the API numbers fingers "Finger-1" to "Finger-10" \(1 right thumb, .* 10 left little\)/,
        );
        assert.equal(diagnostic.fix, undefined);
      }
    });

    it('does not rename onto a finger that is already set', () => {
      const text = pretty({
        Person: { CustomID: '1234', Fingers: [{ 'Finger-1': FINGER_TIFF, 'finger-1': FINGER_PNG }] },
      });
      const diagnostic = single(text);
      assert.equal(diagnostic.code, 'unknown-finger-key');
      assert.match(diagnostic.message, /already set/);
      assert.equal(diagnostic.fix, undefined);
    });

    it('merges several finger objects into one', () => {
      const text = pretty({
        Person: { CustomID: '1234', Fingers: [{ 'Finger-1': FINGER_TIFF }, { 'Finger-2': FINGER_PNG }] },
      });
      const diagnostic = single(text);
      assert.equal(diagnostic.code, 'biometric-array-length');
      assert.equal(diagnostic.fix?.title, 'Merge into one object');
      const merged = assertFixCleans(text, diagnostic);
      assert.deepEqual(Object.keys(JSON.parse(merged).Person.Fingers[0]), ['Finger-1', 'Finger-2']);
    });

    it('reports an empty finger object', () => {
      const text = '{ "Person": { "CustomID": "1234", "Fingers": [ {} ] } }';
      assertDiagnostic(single(text, { operation: 'verify' }), {
        code: 'fingers-empty',
        offset: offsetOf(text, '{}'),
        length: 2,
      });
    });
  });

  describe('CustomID', () => {
    it('reports an empty, a blank, and a control-character CustomID on the whole string', () => {
      const cases = [
        ['""', 'customid-empty'],
        ['"   "', 'customid-blank'],
        ['"12\\u000134"', 'customid-control-character'],
        ['"12\\t34"', 'customid-control-character'],
      ] as const;
      for (const [literal, code] of cases) {
        const text = `{ "Person": { "CustomID": ${literal} } }`;
        assertDiagnostic(single(text), { code, offset: offsetOf(text, literal), length: literal.length });
      }
    });

    it('warns about surrounding whitespace and trims it', () => {
      const text = '{ "Person": { "CustomID": " 1234 " } }';
      const diagnostic = single(text);
      assertDiagnostic(diagnostic, {
        code: 'customid-whitespace',
        offset: offsetOf(text, '" 1234 "'),
        length: 8,
        severity: 'warning',
      });
      assert.equal(assertFixCleans(text, diagnostic), '{ "Person": { "CustomID": "1234" } }');
    });

    const NON_ASCII_WHY =
      'outside printable ASCII: BioPass ID publishes no charset limit, and this tool takes 1 to 128 printable ASCII characters (U+0020 to U+007E), not only spaces, which every gateway and database keeps byte for byte and anyone can type again to verify or delete the person.';

    it('reports a non-ASCII CustomID on its first non-ASCII character, naming it', () => {
      const text = '{ "Person": { "CustomID": "Jose-Ñandú-李" } }';
      const diagnostic = single(text);
      assertDiagnostic(diagnostic, { code: 'customid-non-ascii', offset: offsetOf(text, 'Ñ'), length: 1 });
      assert.equal(diagnostic.message, `CustomID holds "Ñ" (U+00D1), ${NON_ASCII_WHY}`);
      assert.equal(diagnostic.fix, undefined, 'no spelling in ASCII is guessed for the person');
    });

    it('finds the character behind a \\u escape, and an emoji as one character', () => {
      const escaped = '{ "Person": { "CustomID": "Jos\\u00e9" } }';
      const accent = single(escaped);
      assertDiagnostic(accent, { code: 'customid-non-ascii', offset: offsetOf(escaped, '\\u00e9'), length: 6 });
      assert.equal(accent.message, `CustomID holds "é" (U+00E9), ${NON_ASCII_WHY}`);

      const emoji = '{ "Person": { "CustomID": "id-\u{1F642}-2" } }';
      const smile = single(emoji);
      assertDiagnostic(smile, { code: 'customid-non-ascii', offset: offsetOf(emoji, '\u{1F642}'), length: 2 });
      assert.equal(smile.message, `CustomID holds "\u{1F642}" (U+1F642), ${NON_ASCII_WHY}`);

      const pair = '{ "Person": { "CustomID": "id-\\ud83d\\ude42" } }';
      assertDiagnostic(single(pair), { code: 'customid-non-ascii', offset: offsetOf(pair, '\\ud83d'), length: 12 });
    });

    it('names an invisible character by its code point alone; a no-break space alone is blank', () => {
      const text = '{ "Person": { "CustomID": "Ana\u00a0Souza" } }';
      const diagnostic = single(text);
      assertDiagnostic(diagnostic, { code: 'customid-non-ascii', offset: offsetOf(text, '\u00a0'), length: 1 });
      assert.equal(diagnostic.message, `CustomID holds U+00A0, ${NON_ASCII_WHY}`);
      const zeroWidth = '{ "Person": { "CustomID": "12\u200b34" } }';
      assert.equal(single(zeroWidth).message, `CustomID holds U+200B, ${NON_ASCII_WHY}`);
      const blank = '{ "Person": { "CustomID": "\u00a0\u00a0" } }';
      assertDiagnostic(single(blank), { code: 'customid-blank', offset: offsetOf(blank, '"\u00a0'), length: 4 });
    });

    it(`reports a CustomID over ${CUSTOM_ID_MAX_LENGTH} characters on the part past the limit`, () => {
      const id = 'id-'.repeat(3334).slice(0, 10_000);
      const text = `{ "Person": { "CustomID": "${id}" } }`;
      const diagnostic = single(text);
      const start = offsetOf(text, id) + CUSTOM_ID_MAX_LENGTH;
      assertDiagnostic(diagnostic, { code: 'customid-too-long', offset: start, length: 10_000 - CUSTOM_ID_MAX_LENGTH });
      assert.equal(
        diagnostic.message,
        'CustomID is 10000 characters long, over the 128 this tool takes: BioPass ID publishes no length limit, 128 fits any ID document number, and a longer ID risks being cut or stored differently from how it is typed.',
      );
      assert.ok(!diagnostic.message.includes('id-id-'), 'the message does not repeat the value');

      const oneOver = `{ "Person": { "CustomID": "${'7'.repeat(CUSTOM_ID_MAX_LENGTH + 1)}" } }`;
      assertDiagnostic(single(oneOver), {
        code: 'customid-too-long',
        offset: offsetOf(oneOver, '7') + CUSTOM_ID_MAX_LENGTH,
        length: 1,
      });
    });

    it('counts decoded characters, not escapes, against the limit', () => {
      const slashes = '\\/'.repeat(CUSTOM_ID_MAX_LENGTH);
      assertClean(`{ "Person": { "CustomID": "${slashes}" } }`);
      const text = `{ "Person": { "CustomID": "${slashes}ab" } }`;
      assertDiagnostic(single(text), { code: 'customid-too-long', offset: offsetOf(text, 'ab'), length: 2 });
    });

    it(`accepts every printable ASCII character, and exactly ${CUSTOM_ID_MAX_LENGTH} characters`, () => {
      const printable = String.fromCharCode(...Array.from({ length: 0x7f - 0x20 }, (_, index) => 0x20 + index));
      assert.equal(printable.length, 95);
      // The space inside: at an end it would be warned about.
      assertClean(pretty({ Person: { CustomID: `!${printable}~` } }));
      assertClean(pretty({ Person: { CustomID: 'A-12.b_c/d:e@f', Face: [{ 'Face-1': FACE_JPEG }] } }), {
        operation: 'enroll',
      });
      assertClean(pretty({ Person: { CustomID: 'x'.repeat(CUSTOM_ID_MAX_LENGTH) } }), { operation: 'delete' });
    });

    it('reports one problem of a CustomID, the first of: empty, blank, control, non-ASCII, too long', () => {
      const cases = [
        [`a\tb${'é'.repeat(200)}`, 'customid-control-character'],
        ['é'.repeat(200), 'customid-non-ascii'],
        [` ${'x'.repeat(200)}`, 'customid-too-long'],
      ] as const;
      for (const [id, code] of cases) {
        assert.deepEqual(codes(validateRequest(pretty({ Person: { CustomID: id } }))), [code], id.slice(0, 8));
      }
    });

    it('reports a missing CustomID on the Person key', () => {
      const text = pretty({ Person: { Face: [{ 'Face-1': FACE_JPEG }] } });
      assertDiagnostic(single(text), { code: 'missing-key', offset: offsetOf(text, '"Person"'), length: 8 });
    });
  });

  describe('delete', () => {
    it('removes a biometric from a delete request', () => {
      const text = pretty({ Person: { CustomID: '1234', Face: [{ 'Face-1': FACE_JPEG }] } });
      const diagnostic = single(text, { operation: 'delete' });
      assertDiagnostic(diagnostic, { code: 'delete-extra-property', offset: offsetOf(text, '"Face"'), length: 6 });
      assert.match(diagnostic.message, /A delete request carries only CustomID/);
      assert.equal(
        assertFixCleans(text, diagnostic, { operation: 'delete' }),
        pretty({ Person: { CustomID: '1234' } }),
      );
    });

    it('removes any other key, first or last, keeping the JSON valid', () => {
      const first = '{ "Person": { "Note": "x", "CustomID": "1234" } }';
      const firstDiagnostic = single(first, { operation: 'delete' });
      assertDiagnostic(firstDiagnostic, {
        code: 'delete-extra-property',
        offset: offsetOf(first, '"Note"'),
        length: 6,
      });
      assert.equal(
        assertFixCleans(first, firstDiagnostic, { operation: 'delete' }),
        '{ "Person": { "CustomID": "1234" } }',
      );
    });

    it('renames a misspelt CustomID rather than removing it', () => {
      const text = '{ "Person": { "CustomId": "1234" } }';
      const diagnostic = single(text, { operation: 'delete' });
      assert.equal(diagnostic.code, 'unknown-key');
      assertFixCleans(text, diagnostic, { operation: 'delete' });
    });

    it('reports each extra key, once', () => {
      const text = pretty({ Person: { CustomID: '1', Face: [{ 'Face-1': '' }], Fingers: [{ 'Finger-1': '' }] } });
      assert.deepEqual(codes(validateRequest(text, { operation: 'delete' })), [
        'delete-extra-property',
        'delete-extra-property',
      ]);
    });
  });
});
