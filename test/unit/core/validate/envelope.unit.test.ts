import * as assert from 'node:assert/strict';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import { assertClean, assertDiagnostic, assertFixCleans, codes, FACE_JPEG, offsetOf, pretty, single } from './helpers';

const ENVELOPE_LIST = /"Person", "Match", "Extract", "Encode", "Decode", "Check" or "Spoof"/;

describe('validateRequest: envelope', () => {
  it('picks the envelope from the top-level key and returns its candidate operations', () => {
    const check = assertClean(`{ "Check": { "Image": "${FACE_JPEG}" } }`);
    assert.equal(check.envelope, 'Check');
    assert.deepEqual(check.operations, ['face_detect', 'anonymizer', 'check_icao', 'icao_crop', 'check_nfiq']);
    assert.deepEqual(assertClean(`{ "Spoof": { "Image": "${FACE_JPEG}" } }`).operations, ['liveness']);
  });

  it('leaves delete out of the candidates when the Person carries images', () => {
    const result = assertClean(pretty({ Person: { CustomID: '1', Face: [{ 'Face-1': FACE_JPEG }] } }));
    assert.deepEqual(result.operations, ['enroll', 'verify', 'update']);
  });

  it('checks against the operation asked for, and returns only it', () => {
    const result = assertClean(pretty({ Person: { CustomID: '1' } }), { operation: 'delete' });
    assert.equal(result.envelope, 'Person');
    assert.deepEqual(result.operations, ['delete']);
  });

  it('accepts the editor-only $schema key next to the envelope', () => {
    assertClean(pretty({ $schema: './schemas/operations/delete.schema.json', Person: { CustomID: '1' } }));
  });

  it('renames a misspelt envelope and still checks the body under it', () => {
    const text = '{ "person": { "CustomID": "1234" } }';
    const result = validateRequest(text);
    assert.equal(result.envelope, undefined);
    assert.deepEqual(result.operations, []);
    const diagnostic = result.diagnostics[0];
    assertDiagnostic(diagnostic, { code: 'unknown-envelope', offset: offsetOf(text, '"person"'), length: 8 });
    assert.match(diagnostic.message, /did you mean "Person"\?/);
    assertFixCleans(text, diagnostic);

    const withProblem = '{ "Persn": { "CustomID": "" } }';
    assert.deepEqual(codes(validateRequest(withProblem)), ['unknown-envelope', 'customid-empty']);
  });

  it('lists the envelopes for an unknown top-level key', () => {
    const text = '{ "Request": {} }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'unknown-envelope', offset: offsetOf(text, '"Request"'), length: 9 });
    assert.match(diagnostic.message, ENVELOPE_LIST);
    assert.equal(diagnostic.fix, undefined);
  });

  it('reports a body with no envelope at its opening brace', () => {
    for (const text of ['{}', '{ "$schema": "x" }']) {
      const diagnostic = single(text);
      assertDiagnostic(diagnostic, { code: 'missing-envelope', offset: 0, length: 1 });
      assert.match(diagnostic.message, ENVELOPE_LIST);
    }
    assert.match(single('{}', { operation: 'liveness' }).message, /has "Spoof" at the top level/);
  });

  it('reports a body that is not an object', () => {
    assertDiagnostic(single('[1, 2]'), { code: 'not-an-object', offset: 0, length: 6 });
    assertDiagnostic(single('"Person"'), { code: 'not-an-object', offset: 0, length: 8 });
  });

  it('removes a second envelope', () => {
    const text = `{ "Spoof": { "Image": "${FACE_JPEG}" }, "Check": { "Image": "${FACE_JPEG}" } }`;
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'multiple-envelopes', offset: offsetOf(text, '"Check"'), length: 7 });
    assert.equal(assertFixCleans(text, diagnostic), `{ "Spoof": { "Image": "${FACE_JPEG}" } }`);
  });

  it('reports an envelope that does not fit the operation asked for', () => {
    const text = `{ "Check": { "Image": "${FACE_JPEG}" } }`;
    const diagnostic = single(text, { operation: 'enroll' });
    assertDiagnostic(diagnostic, { code: 'envelope-mismatch', offset: offsetOf(text, '"Check"'), length: 7 });
    assert.match(
      diagnostic.message,
      /Enroll \(POST \/multibiometrics\/enroll\) takes a "Person" envelope, not "Check"/,
    );
    assert.equal(validateRequest(text, { operation: 'enroll' }).envelope, 'Check');
  });

  it('checks only what holds for every candidate when no operation is given', () => {
    // Every Person operation refuses an empty CustomID; a missing image only some of them.
    const text = pretty({ Person: { CustomID: '' } });
    assert.deepEqual(codes(validateRequest(text)), ['customid-empty']);
    assert.deepEqual(codes(validateRequest(text, { operation: 'verify' })), ['missing-biometric', 'customid-empty']);
  });
});
