import * as assert from 'node:assert/strict';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import { assertDiagnostic, assertFixCleans, codes, offsetOf, single } from './helpers';

const DELETE = '{ "Person": { "CustomID": "1234" } }';

describe('validateRequest: JSON syntax', () => {
  it('reports a missing comma at its position, as the API would refuse the body', () => {
    const text = '{ "Person": { "CustomID": "1234" "Face": [] } }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'syntax-error', offset: offsetOf(text, '"Face"'), length: 6 });
    assert.match(diagnostic.message, /comma/);
    assert.match(diagnostic.message, /400 "Invalid JSON format"/);
  });

  it('reports only the first hard syntax error, not the parser recovery echoing it', () => {
    const text = '{ "Person": { "CustomID": "12\n34" } }';
    const result = validateRequest(text);
    assert.deepEqual(codes(result), ['syntax-error']);
    assertDiagnostic(result.diagnostics[0], {
      code: 'syntax-error',
      offset: offsetOf(text, '"12'),
      length: '"12'.length,
    });
    assert.match(result.diagnostics[0]?.message ?? '', /not closed/);
  });

  it('explains single quotes', () => {
    const text = "{ 'Person': {} }";
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'syntax-error', offset: 2, length: 8 });
    assert.match(diagnostic.message, /double quotes/);
  });

  it('treats a line comment as an error with a fix removing it (the API reads strict JSON)', () => {
    const text = '{ "Person": { "CustomID": "1234" } } // delete the test person';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, {
      code: 'comment',
      offset: offsetOf(text, '//'),
      length: '// delete the test person'.length,
    });
    assertFixCleans(text, diagnostic);
  });

  it('treats a block comment as an error with a fix removing it', () => {
    const text = '{ "Person": { /* who */ "CustomID": "1234" } }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'comment', offset: offsetOf(text, '/*'), length: 9 });
    assertFixCleans(text, diagnostic);
  });

  it('offers no fix for an unclosed block comment, which runs to the end of the file', () => {
    const text = '{ "Person": { "CustomID": "1234" } } /* unclosed';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'comment', offset: offsetOf(text, '/*'), length: 11 });
    assert.equal(diagnostic.fix, undefined);
  });

  it('reports a trailing comma in an object once, at the comma, with a fix', () => {
    const text = '{ "Person": { "CustomID": "1234", } }';
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'trailing-comma', offset: offsetOf(text, ','), length: 1 });
    assert.deepEqual(diagnostic.fix?.edits, [{ offset: offsetOf(text, ','), length: 1, newText: '' }]);
    assertFixCleans(text, diagnostic);
  });

  it('reports a trailing comma in an array, across a line break', () => {
    const text = `{ "Person": { "CustomID": "1", "Face": [ { "Face-1": { "$file": "./f.jpg" } },\n ] } }`;
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'trailing-comma', offset: offsetOf(text, ',\n'), length: 1 });
    assertFixCleans(text, diagnostic);
  });

  it('warns about a leading byte order mark, with a fix, and still checks the body', () => {
    const text = `\uFEFF${DELETE}`;
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'bom', offset: 0, length: 1, severity: 'warning' });
    assert.equal(assertFixCleans(text, diagnostic), DELETE);
    const withProblem = validateRequest('\uFEFF{ "Person": { "CustomID": "" } }');
    assert.deepEqual(codes(withProblem), ['bom', 'customid-empty']);
  });

  it('reports an empty or blank body', () => {
    assertDiagnostic(single(''), { code: 'empty-document', offset: 0, length: 0 });
    assertDiagnostic(single(' \n '), { code: 'empty-document', offset: 0, length: 3 });
  });

  it('reports content after the end of the body', () => {
    const text = `${DELETE} {}`;
    assertDiagnostic(single(text), { code: 'syntax-error', offset: offsetOf(text, '{}'), length: 1 });
  });

  it('reports absurd nesting instead of overflowing the stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const diagnostic = single(text);
    assertDiagnostic(diagnostic, { code: 'syntax-error', offset: 0, length: 1 });
    assert.match(diagnostic.message, /too deep/);
  });

  it('leaves field checks out after a hard syntax error, since the tree is a guess', () => {
    const text = '{ "Persn": { "CustomID": "" "x": 1 } }';
    assert.deepEqual(codes(validateRequest(text)), ['syntax-error']);
  });
});
