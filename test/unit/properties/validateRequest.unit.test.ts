import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { OPERATION_IDS, type OperationId } from '../../../src/core/contract/operations';
import {
  type Fix,
  type ValidateOptions,
  type ValidationResult,
  validateRequest,
} from '../../../src/core/validate/validateRequest';
import { requestText } from './requestArbitraries';

/** Fixed seeds: a failure in CI reproduces locally with the same counterexample. */
const SEED = 0x5eed_0001;

/** Every code unit, lone surrogates included: what an editor buffer may hold. */
const utf16Text = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });

function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}

/** Validates, and checks what must hold for any text: ranges and fixes inside it, same answer twice. */
function checkValidation(text: string, options?: ValidateOptions): ValidationResult {
  const result = validateRequest(text, options);
  for (const diagnostic of result.diagnostics) {
    const where = `${diagnostic.code} at ${diagnostic.offset}+${diagnostic.length} in ${text.length} characters`;
    assert.ok(Number.isInteger(diagnostic.offset) && diagnostic.offset >= 0, where);
    assert.ok(Number.isInteger(diagnostic.length) && diagnostic.length >= 0, where);
    assert.ok(diagnostic.offset + diagnostic.length <= text.length, where);
    assert.equal(typeof diagnostic.message, 'string', where);
    if (!diagnostic.fix) continue;
    for (const edit of diagnostic.fix.edits) {
      assert.ok(edit.offset >= 0 && edit.length >= 0 && edit.offset + edit.length <= text.length, `${where}: fix edit`);
      assert.equal(typeof edit.newText, 'string', `${where}: fix edit`);
    }
    const fixed = applyFix(text, diagnostic.fix);
    assert.equal(typeof fixed, 'string');
    if (diagnostic.code === 'base64-data-uri') {
      const again = validateRequest(fixed, options).diagnostics;
      assert.ok(
        !again.some((other) => other.code === 'base64-data-uri' && other.offset === diagnostic.offset),
        `${where}: the data: prefix is still there after its fix`,
      );
    }
  }
  assert.deepEqual(validateRequest(text, options), result, 'the same text validates the same way twice');
  return result;
}

const operation = fc.constantFrom<OperationId>(...OPERATION_IDS);

describe('properties: request validator', () => {
  it('never throws and keeps every range inside the text, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), utf16Text), (text) => {
        checkValidation(text);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('never throws on any JSON text, with or without an operation', () => {
    fc.assert(
      fc.property(fc.json(), fc.option(operation), (text, id) => {
        checkValidation(text, id === null ? {} : { operation: id });
      }),
      { numRuns: 1000, seed: SEED + 1 },
    );
  });

  it('never throws on request-shaped files, and each fix stays inside the text', () => {
    fc.assert(
      fc.property(requestText, (text) => {
        checkValidation(text);
      }),
      { numRuns: 400, seed: SEED + 2 },
    );
  });

  OPERATION_IDS.forEach((id, index) => {
    it(`never throws on request-shaped files checked as ${id}`, () => {
      fc.assert(
        fc.property(requestText, (text) => {
          const result = checkValidation(text, { operation: id });
          assert.ok(result.operations.every((candidate) => OPERATION_IDS.includes(candidate)));
        }),
        { numRuns: 60, seed: SEED + 100 + index },
      );
    });
  });

  it('never throws on request-shaped files cut anywhere (a file being typed)', () => {
    fc.assert(
      fc.property(requestText, fc.nat(), fc.option(operation), (text, cut, id) => {
        checkValidation(text.slice(0, cut % (text.length + 1)), id === null ? {} : { operation: id });
      }),
      { numRuns: 300, seed: SEED + 4 },
    );
  });
});
