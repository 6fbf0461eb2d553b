import * as assert from 'node:assert/strict';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import {
  assertDiagnostic,
  assertFixCleans,
  codes,
  FACE_JPEG,
  FINGER_TIFF,
  offsetOf,
  pretty,
  single,
  TEMPLATE,
} from './helpers';

describe('validateRequest: keys', () => {
  it('suggests the case-insensitive match of an unknown key and renames it, quotes included', () => {
    const text = pretty({ Person: { customid: '1234' } });
    const diagnostic = single(text);
    const key = offsetOf(text, '"customid"');
    assertDiagnostic(diagnostic, { code: 'unknown-key', offset: key, length: '"customid"'.length });
    assert.match(diagnostic.message, /did you mean "CustomID"\?/);
    assert.match(diagnostic.message, /400 "Invalid JSON format"/);
    assert.deepEqual(diagnostic.fix?.edits, [{ offset: key, length: 10, newText: '"CustomID"' }]);
    assertFixCleans(text, diagnostic);
  });

  it('suggests the closest key by edit distance, counting a transposition once, and checks the value as that key', () => {
    const text = pretty({ Person: { CustomID: '1234', Fcae: [{ 'Face-1': FACE_JPEG }] } });
    const diagnostic = single(text, { operation: 'enroll' });
    assertDiagnostic(diagnostic, { code: 'unknown-key', offset: offsetOf(text, '"Fcae"'), length: 6 });
    assert.equal(diagnostic.fix?.title, 'Rename to "Face"');
    assertFixCleans(text, diagnostic, { operation: 'enroll' });

    const broken = pretty({ Person: { CustomID: '1234', Fcae: [{ 'Face-1': '' }] } });
    assert.deepEqual(codes(validateRequest(broken, { operation: 'enroll' })), ['unknown-key', 'base64-empty']);
  });

  it('gives no suggestion and no fix when nothing is close, and lists the keys the object takes', () => {
    const text = pretty({ Person: { CustomID: '1234', Nickname: 'Ana' } });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'unknown-key', offset: offsetOf(text, '"Nickname"'), length: 10 });
    assert.equal(diagnostic.fix, undefined);
    assert.match(diagnostic.message, /^Unknown key "Nickname" in Person\. It takes "CustomID", "Face" or "Fingers"\./);
  });

  it('does not guess between two equally close keys', () => {
    const text = pretty({
      Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: TEMPLATE, Artifact_B: TEMPLATE, Artifact_C: TEMPLATE },
    });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'unknown-key', offset: offsetOf(text, '"Artifact_C"'), length: 12 });
    assert.equal(diagnostic.fix, undefined);
  });

  it('reports a missing required key on the key of the object that lacks it', () => {
    const text = pretty({ Match: { Type: 'FACE', Artifact_A: TEMPLATE, Artifact_B: TEMPLATE } });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'missing-key', offset: offsetOf(text, '"Match"'), length: 7 });
    assert.match(diagnostic.message, /Match is missing the required key "Format"/);
  });

  it('does not report a key as missing when a misspelt key means it', () => {
    const text = pretty({ Match: { Type: 'FACE', Fromat: 'BIOPASS', Artifact_A: TEMPLATE, Artifact_B: TEMPLATE } });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'unknown-key', offset: offsetOf(text, '"Fromat"'), length: 8 });
    assertFixCleans(text, diagnostic);
  });

  it('reports a duplicate key on the second copy, naming the line of the first, with a fix removing it', () => {
    const text = '{\n  "Person": {\n    "CustomID": "1234",\n    "CustomID": "5678"\n  }\n}';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'duplicate-key', offset: offsetOf(text, '"CustomID"', 1), length: 10 });
    assert.match(diagnostic.message, /already set on line 3/);
    assert.equal(assertFixCleans(text, diagnostic), '{\n  "Person": {\n    "CustomID": "1234"\n  }\n}');
  });

  it('finds duplicate keys at any depth, including inside keys the contract does not know', () => {
    const text = '{ "Person": { "CustomID": "1", "Extra": { "a": 1, "a": 2 } } }';
    const result = validateRequest(text);
    assert.deepEqual(codes(result), ['unknown-key', 'duplicate-key']);
    assertDiagnostic(result.diagnostics[1], { code: 'duplicate-key', offset: offsetOf(text, '"a"', 1), length: 3 });
  });
});

describe('validateRequest: types', () => {
  it('quotes a number where a string is due', () => {
    const text = '{ "Person": { "CustomID": 1234 } }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'wrong-type', offset: offsetOf(text, '1234'), length: 4 });
    assert.match(diagnostic.message, /Person.CustomID must be a string, not a number/);
    assert.equal(assertFixCleans(text, diagnostic), '{ "Person": { "CustomID": "1234" } }');
  });

  it('unquotes a number written as a string', () => {
    const text = pretty({ Encode: { Image: FINGER_TIFF, Compression: '0.75', PPI: 500 } });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'wrong-type', offset: offsetOf(text, '"0.75"'), length: 6 });
    assert.match(diagnostic.message, /must be a number, not a string/);
    assertFixCleans(text, diagnostic);
  });

  it('wraps an object in an array where the contract wants an array of one', () => {
    const text = pretty({ Person: { CustomID: '1234', Face: { 'Face-1': FACE_JPEG } } });
    const diagnostic = single(text);
    const start = text.indexOf('{', offsetOf(text, '"Face"'));
    const end = text.indexOf('}', start) + 1;
    assertDiagnostic(diagnostic, { code: 'wrong-type', offset: start, length: end - start });
    assert.match(diagnostic.message, /Person.Face must be an array, not an object/);
    assertFixCleans(text, diagnostic);
  });

  it('reports an object where an object is due but something else is given, without a fix', () => {
    const text = '{ "Person": "1234" }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'wrong-type', offset: offsetOf(text, '"1234"'), length: 6 });
    assert.equal(diagnostic.fix, undefined);
  });

  it('reports an image field holding neither base64 nor a file reference, without a fix', () => {
    const text = '{ "Check": { "Image": 42 } }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'wrong-type', offset: offsetOf(text, '42'), length: 2 });
    assert.match(diagnostic.message, /base64 text of a face or fingerprint image, or \{ "\$file": "\.\/image" \}/);
    assert.equal(diagnostic.fix, undefined);
  });

  it('lists the allowed values of an enum and fixes a wrong case', () => {
    const text = pretty({ Match: { Type: 'face', Format: 'BIOPASS', Artifact_A: TEMPLATE, Artifact_B: TEMPLATE } });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'invalid-enum', offset: offsetOf(text, '"face"'), length: 6 });
    assert.match(diagnostic.message, /takes "FACE" or "FINGER"/);
    assertFixCleans(text, diagnostic);
  });

  it('suggests the closest enum value, or none when nothing is close', () => {
    const close = pretty({ Extract: { Type: 'FINGERS', Format: 'BIOPASS', Artifact: FINGER_TIFF } });
    const closeDiagnostic = single(close);
    assert.equal(closeDiagnostic.fix?.title, 'Change to "FINGER"');
    assertFixCleans(close, closeDiagnostic);

    const far = pretty({ Extract: { Type: 'FINGER', Format: 'ISO', Artifact: FINGER_TIFF } });
    const farDiagnostic = single(far);
    assertDiagnostic(farDiagnostic, { code: 'invalid-enum', offset: offsetOf(far, '"ISO"'), length: 5 });
    assert.equal(farDiagnostic.fix, undefined);
    assert.match(
      farDiagnostic.message,
      /"BIOPASS", "ISO_IEC_2005_19794_2", "ISO_IEC_2011_19794_2" or "ANSI_INCITS_378"/,
    );
  });

  it('reports an enum given as another type as a wrong type naming the allowed values', () => {
    const text = pretty({ Match: { Type: 1, Format: 'BIOPASS', Artifact_A: TEMPLATE, Artifact_B: TEMPLATE } });
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'wrong-type', offset: offsetOf(text, '1,'), length: 1 });
    assert.match(diagnostic.message, /must be one of "FACE" or "FINGER", not a number/);
  });
});

describe('validateRequest: the contract through zod', () => {
  it('places the issues of rules it has no own check for (number ranges) on their node', () => {
    const text = pretty({ Encode: { Image: FINGER_TIFF, Compression: 0, PPI: 500.5 } });
    const result = validateRequest(text);
    assert.deepEqual(codes(result), ['schema-constraint', 'schema-constraint']);
    assertDiagnostic(result.diagnostics[0], { code: 'schema-constraint', offset: offsetOf(text, '0,'), length: 1 });
    assert.match(result.diagnostics[0]?.message ?? '', /Encode.Compression breaks the contract: .*>0/);
    assertDiagnostic(result.diagnostics[1], { code: 'schema-constraint', offset: offsetOf(text, '500.5'), length: 5 });
    assert.match(result.diagnostics[1]?.message ?? '', /Encode.PPI breaks the contract: .*int/);
  });

  it('never repeats what its own checks said', () => {
    const text = pretty({ Person: { CustomID: '', Face: [{ 'Face-1': '' }], Fingers: [{}] } });
    assert.deepEqual(codes(validateRequest(text, { operation: 'enroll' })), [
      'customid-empty',
      'base64-empty',
      'fingers-empty',
    ]);
  });
});
