import type { Node, ParseError } from 'jsonc-parser';
import { KNOWN_400_TEXTS } from '../contract/choices';
import { l10n } from '../l10n';
import { parseJsonTree } from './jsonTree';
import { apiRefuses } from './messages';
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

/** What a jsonc-parser error code means, in the reader's language. */
function syntaxMessageOf(code: number): string {
  switch (code) {
    case 1:
      return l10n.t('Invalid JSON: unexpected character');
    case 2:
      return l10n.t('Invalid JSON: malformed number');
    case 3:
      return l10n.t('Invalid JSON: a key in double quotes is expected here');
    case 4:
      return l10n.t('Invalid JSON: a value is expected here');
    case 5:
      return l10n.t('Invalid JSON: a colon ":" is expected after the key');
    case 6:
      return l10n.t('Invalid JSON: a comma "," is expected here');
    case 7:
      return l10n.t('Invalid JSON: a closing brace "}" is expected');
    case 8:
      return l10n.t('Invalid JSON: a closing bracket "]" is expected');
    case 9:
      return l10n.t('Invalid JSON: nothing may follow the end of the body');
    case 12:
      return l10n.t('Invalid JSON: the string is not closed (a string cannot span lines: write \\n)');
    case 13:
      return l10n.t('Invalid JSON: the number ends too early');
    case 14:
      return l10n.t('Invalid JSON: malformed \\u escape');
    case 15:
      return l10n.t('Invalid JSON: unknown escape (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
    case 16:
      return l10n.t('Invalid JSON: control character inside a string: escape it (\\t, \\n)');
    default:
      return l10n.t('Invalid JSON');
  }
}

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
      message: l10n.t(
        'The body nests arrays or objects far deeper than any request, too deep to be read. {0}',
        apiRefuses(),
      ),
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
      message: l10n.t(
        'The file starts with a byte order mark (BOM). Strict JSON readers, possibly the API, refuse it with 400 "{0}"; save the file as UTF-8 without BOM.',
        KNOWN_400_TEXTS.invalidJson,
      ),
      offset: 0,
      length: 1,
      fix: { title: l10n.t('Remove the byte order mark'), edits: [{ offset: 0, length: 1, newText: '' }] },
    });
  }

  if (text.trim() === '' || (hasBom && text.slice(1).trim() === '')) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-document',
      message: l10n.t('The request body is empty. {0}', apiRefuses()),
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
        message: l10n.t(
          'Trailing comma: strict JSON allows no comma before a closing bracket or brace. {0}',
          apiRefuses(),
        ),
        offset: comma,
        length: 1,
        fix: { title: l10n.t('Remove the trailing comma'), edits: [{ offset: comma, length: 1, newText: '' }] },
      });
      continue;
    }
    if (broken) continue;
    broken = true;
    diagnostics.push({
      severity: 'error',
      code: 'syntax-error',
      message: `${syntaxMessage(text, error)}. ${apiRefuses()}`,
      offset: error.offset,
      length: error.length,
    });
  }
  return { root, diagnostics, broken };
}

function syntaxMessage(text: string, error: ParseError): string {
  const base = syntaxMessageOf(error.error);
  if (error.error !== INVALID_SYMBOL) return base;
  const symbol = text.slice(error.offset, error.offset + Math.min(error.length, 20));
  if (symbol.startsWith("'")) return l10n.t('{0} {1}: JSON strings and keys take double quotes', base, symbol);
  return `${base} ${JSON.stringify(symbol)}`;
}

function commentDiagnostic(text: string, error: ParseError): RequestDiagnostic {
  const comment = text.slice(error.offset, error.offset + error.length);
  // An unclosed block comment runs to the end of the file: removing it would remove the rest.
  const closed = comment.startsWith('//') || (comment.length >= 4 && comment.endsWith('*/'));
  const diagnostic: RequestDiagnostic = {
    severity: 'error',
    code: 'comment',
    message: l10n.t('Comments are not JSON: the API reads strict JSON. {0}', apiRefuses()),
    offset: error.offset,
    length: error.length,
  };
  if (closed) {
    diagnostic.fix = {
      title: l10n.t('Remove the comment'),
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
