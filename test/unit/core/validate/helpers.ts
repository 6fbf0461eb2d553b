import * as assert from 'node:assert/strict';
import {
  sampleFaceJpeg,
  sampleFacePng,
  sampleFingerprintPng,
  sampleFingerprintTiff,
} from '../../../../src/core/images/samples';
import {
  type Fix,
  type RequestDiagnostic,
  type ValidateOptions,
  type ValidationResult,
  validateRequest,
} from '../../../../src/core/validate/validateRequest';

/** Real images, small enough to inline: the shapes the API takes. */
export const FACE_JPEG = sampleFaceJpeg(0).toString('base64');
export const FACE_PNG = sampleFacePng(1).toString('base64');
export const FINGER_TIFF = sampleFingerprintTiff(0).toString('base64');
export const FINGER_PNG = sampleFingerprintPng(1).toString('base64');

/** A WSQ file header: SOI, then a frame header (SOF) of 416 rows by 384 columns. */
export const WSQ = Buffer.from([
  0xff, 0xa0, 0xff, 0xa2, 0x00, 0x0e, 0x00, 0xff, 0x01, 0xa0, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00,
]).toString('base64');

/** An opaque biometric template: any bytes. */
export const TEMPLATE = Buffer.from('a minutiae template, opaque to the validator').toString('base64');

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The offset of the `occurrence`-th `needle` in `text`; fails the test when it is absent. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let offset = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    offset = text.indexOf(needle, offset + 1);
    assert.notEqual(offset, -1, `${JSON.stringify(needle)} (#${occurrence}) not found`);
  }
  return offset;
}

export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const edit of edits) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}

/** Validates and asserts exactly one diagnostic, which is returned. */
export function single(text: string, options?: ValidateOptions): RequestDiagnostic {
  const { diagnostics } = validateRequest(text, options);
  assert.equal(diagnostics.length, 1, `expected one diagnostic, got ${summarize(diagnostics)}`);
  return diagnostics[0] as RequestDiagnostic;
}

export function codes(result: ValidationResult): string[] {
  return result.diagnostics.map((diagnostic) => diagnostic.code);
}

export function summarize(diagnostics: RequestDiagnostic[]): string {
  return JSON.stringify(diagnostics.map(({ code, offset, length, message }) => ({ code, offset, length, message })));
}

/** Asserts a diagnostic's code, range and severity. */
export function assertDiagnostic(
  diagnostic: RequestDiagnostic | undefined,
  expected: { code: string; offset: number; length: number; severity?: RequestDiagnostic['severity'] },
): asserts diagnostic is RequestDiagnostic {
  assert.ok(diagnostic, `no diagnostic, expected ${expected.code}`);
  assert.equal(diagnostic.code, expected.code, diagnostic.message);
  assert.equal(diagnostic.offset, expected.offset, `${expected.code} offset`);
  assert.equal(diagnostic.length, expected.length, `${expected.code} length`);
  assert.equal(diagnostic.severity, expected.severity ?? 'error', `${expected.code} severity`);
}

/** Applies the diagnostic's fix and asserts the result parses and validates clean; returns it. */
export function assertFixCleans(text: string, diagnostic: RequestDiagnostic, options?: ValidateOptions): string {
  assert.ok(diagnostic.fix, `${diagnostic.code} has no fix`);
  const fixed = applyFix(text, diagnostic.fix);
  const { diagnostics } = validateRequest(fixed, options);
  assert.deepEqual(diagnostics, [], `after "${diagnostic.fix.title}": ${summarize(diagnostics)}`);
  return fixed;
}

export function assertClean(text: string, options?: ValidateOptions): ValidationResult {
  const result = validateRequest(text, options);
  assert.deepEqual(result.diagnostics, [], summarize(result.diagnostics));
  return result;
}
