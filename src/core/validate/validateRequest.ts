import { DEFAULT_MAX_IMAGE_BYTES } from '../contract/choices';
import { ValidationContext } from './context';
import { findDuplicateKeys } from './duplicates';
import { checkRoot, resolveEnvelope } from './envelope';
import { PERSON_RULES } from './person';
import { endValidationRun } from './scanCache';
import { parseRequest } from './syntax';
import type { RequestDiagnostic, Severity, ValidateOptions, ValidationResult } from './types';
import { SchemaWalker } from './walker';
import { reportZodIssues } from './zodIssues';

/*
 * The validator's entry: code outside src/core/validate imports only this module (the
 * architecture test holds it to that), so the files behind it can be split and renamed freely.
 */
export { parseJsonTree } from './jsonTree';
export { type LineColumn, LineIndex, offsetToLineColumn } from './lines';
export type * from './types';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Checks the raw text of a request file the way the BioPass ID API would read it, and says where
 * each problem is. Pure and synchronous: the editor runs it on every change, the CLI before
 * sending. Linear in the text's length, including multi-megabyte base64 images, which are never
 * decoded whole nor matched with a regular expression. What it learns of each long string (an
 * image) is kept until the next call (scanCache.ts), so after a one-character edit only the
 * strings that changed are read again; the result is the same as from scratch.
 */
export function validateRequest(text: string, options: ValidateOptions = {}): ValidationResult {
  try {
    return validateText(text, options);
  } finally {
    endValidationRun();
  }
}

function validateText(text: string, options: ValidateOptions): ValidationResult {
  const parsed = parseRequest(text);
  const resolution = resolveEnvelope(parsed.root, options.operation);
  const ctx = new ValidationContext(text, resolution.checked, options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES);
  const diagnostics: RequestDiagnostic[] = [...parsed.diagnostics];
  // After a syntax error the parser's guess at the tree would make field checks mislead.
  if (parsed.root !== undefined && !parsed.broken) {
    diagnostics.push(...findDuplicateKeys(text, parsed.root));
    checkRoot(parsed.root, resolution, ctx, new SchemaWalker(ctx, PERSON_RULES));
    reportZodIssues(parsed.root, ctx);
    diagnostics.push(...ctx.diagnostics);
  }
  diagnostics.sort((a, b) => a.offset - b.offset || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const result: ValidationResult = {
    diagnostics,
    operations: resolution.operations,
    fileReferences: ctx.fileReferences,
  };
  if (resolution.envelope !== undefined) result.envelope = resolution.envelope;
  return result;
}
