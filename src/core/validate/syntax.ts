import type { Node, ParseError } from 'jsonc-parser';
import { parseJsonTree } from './jsonTree';
import { API_REFUSES } from './messages';
import type { RequestDiagnostic } from './types';

export interface ParsedRequest {
  root: Node | undefined;
  diagnostics: RequestDiagnostic[];
  /**
   * A syntax error the parser recovered from by guessing (a missing comma, an unterminated
   * string): the tree may not be what the author meant, so field checks would mislead.
   * Comments, trailing commas and a BOM leave an exact tree.
   */
  broken: boolean;
}

// jsonc-parser's ParseErrorCode is an ambient const enum, which isolated modules cannot read.
const INVALID_SYMBOL = 1;
const PROPERTY_NAME_EXPECTED = 3;
const VALUE_EXPECTED = 4;
const INVALID_COMMENT_TOKEN = 10;
const UNEXPECTED_END_OF_COMMENT = 11;

const SYNTAX_MESSAGES: Record<number, string> = {
  1: 'Invalid JSON: unexpected character',
  2: 'Invalid JSON: malformed number',
  3: 'Invalid JSON: a key in double quotes is expected here',
  4: 'Invalid JSON: a value is expected here',
  5: 'Invalid JSON: a colon ":" is expected after the key',
  6: 'Invalid JSON: a comma "," is expected here',
  7: 'Invalid JSON: a closing brace "}" is expected',
  8: 'Invalid JSON: a closing bracket "]" is expected',
  9: 'Invalid JSON: nothing may follow the end of the body',
  12: 'Invalid JSON: the string is not closed (a string cannot span lines: write \\n)',
  13: 'Invalid JSON: the number ends too early',
  14: 'Invalid JSON: malformed \\u escape',
  15: 'Invalid JSON: unknown escape (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  16: 'Invalid JSON: control character inside a string: escape it (\\t, \\n)',
};

/**
 * Parses the body as the API does: strict JSON, so comments and trailing commas are errors even
 * though the editor's JSONC mode would accept them. Only the first hard syntax error is reported:
 * those after it are mostly the parser's recovery echoing it.
 */
export function parseRequest(text: string): ParsedRequest {
  const diagnostics: RequestDiagnostic[] = [];
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseJsonTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses once per nesting level; tens of thousands of levels exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    diagnostics.push({
      severity: 'error',
      code: 'syntax-error',
      message: `The body nests arrays or objects far deeper than any request, too deep to be read. ${API_REFUSES}`,
      offset: 0,
      length: Math.min(text.length, 1),
    });
    return { root: undefined, diagnostics, broken: true };
  }
  const hasBom = text.charCodeAt(0) === 0xfeff;
  if (hasBom) {
    diagnostics.push({
      severity: 'warning',
      code: 'bom',
      message:
        'The file starts with a byte order mark (BOM). Strict JSON readers, possibly the API, refuse it with 400 "Invalid JSON format"; save the file as UTF-8 without BOM.',
      offset: 0,
      length: 1,
      fix: { title: 'Remove the byte order mark', edits: [{ offset: 0, length: 1, newText: '' }] },
    });
  }

  if (text.trim() === '' || (hasBom && text.slice(1).trim() === '')) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-document',
      message: `The request body is empty. ${API_REFUSES}`,
      offset: 0,
      length: text.length,
    });
    return { root: undefined, diagnostics, broken: true };
  }

  let broken = false;
  const seenOffsets = new Set<number>();
  for (const error of errors) {
    if (hasBom && error.error === INVALID_SYMBOL && error.offset === 0) continue;
    if (seenOffsets.has(error.offset)) continue;
    seenOffsets.add(error.offset);
    if (error.error === INVALID_COMMENT_TOKEN || error.error === UNEXPECTED_END_OF_COMMENT) {
      diagnostics.push(commentDiagnostic(text, error));
      continue;
    }
    const comma = trailingComma(text, error);
    if (comma !== undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'trailing-comma',
        message: `Trailing comma: strict JSON allows no comma before a closing bracket or brace. ${API_REFUSES}`,
        offset: comma,
        length: 1,
        fix: { title: 'Remove the trailing comma', edits: [{ offset: comma, length: 1, newText: '' }] },
      });
      continue;
    }
    if (broken) continue;
    broken = true;
    diagnostics.push({
      severity: 'error',
      code: 'syntax-error',
      message: `${syntaxMessage(text, error)}. ${API_REFUSES}`,
      offset: error.offset,
      length: error.length,
    });
  }
  return { root, diagnostics, broken };
}

function syntaxMessage(text: string, error: ParseError): string {
  const base = SYNTAX_MESSAGES[error.error] ?? 'Invalid JSON';
  if (error.error !== INVALID_SYMBOL) return base;
  const symbol = text.slice(error.offset, error.offset + Math.min(error.length, 20));
  if (symbol.startsWith("'")) return `${base} ${symbol}: JSON strings and keys take double quotes`;
  return `${base} ${JSON.stringify(symbol)}`;
}

function commentDiagnostic(text: string, error: ParseError): RequestDiagnostic {
  const comment = text.slice(error.offset, error.offset + error.length);
  // An unclosed block comment runs to the end of the file: removing it would remove the rest.
  const closed = comment.startsWith('//') || (comment.length >= 4 && comment.endsWith('*/'));
  const diagnostic: RequestDiagnostic = {
    severity: 'error',
    code: 'comment',
    message: `Comments are not JSON: the API reads strict JSON. ${API_REFUSES}`,
    offset: error.offset,
    length: error.length,
  };
  if (closed) {
    diagnostic.fix = {
      title: 'Remove the comment',
      edits: [{ offset: error.offset, length: error.length, newText: '' }],
    };
  }
  return diagnostic;
}

/** The offset of the comma when a parse error is a closing bracket right after one. */
function trailingComma(text: string, error: ParseError): number | undefined {
  if (error.error !== PROPERTY_NAME_EXPECTED && error.error !== VALUE_EXPECTED) return undefined;
  const closing = text.charCodeAt(error.offset);
  if (closing !== 0x7d /* } */ && closing !== 0x5d /* ] */) return undefined;
  let position = error.offset - 1;
  while (position >= 0 && isJsonWhitespace(text.charCodeAt(position))) position--;
  return text.charCodeAt(position) === 0x2c /* , */ ? position : undefined;
}

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
