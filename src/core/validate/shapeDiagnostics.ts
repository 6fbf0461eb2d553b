import type { Node } from 'jsonc-parser';
import { anchorOf, describePath, propertyKey, quote, replaceEdit } from './jsonText';
import { API_REFUSES, quotedList } from './messages';
import { describeJsonType, describeNodeType, type JsonType } from './schema';
import { closestMatch } from './suggest';
import type { Fix, JsonPath, RequestDiagnostic } from './types';

/** An unknown key's diagnostic, and the key it most likely meant (which then counts as present). */
export interface UnknownKeyVerdict {
  diagnostic: RequestDiagnostic;
  meant?: string;
}

export function renameKeyFix(property: Node, to: string): Fix | undefined {
  const key = propertyKey(property);
  return key === undefined ? undefined : { title: `Rename to "${to}"`, edits: [replaceEdit(key, JSON.stringify(to))] };
}

/**
 * The generic unknown key: the closest valid key not already used is suggested, with a fix that
 * renames the key (the whole string, quotes included).
 */
export function unknownKey(
  property: Node,
  key: string,
  objectPath: JsonPath,
  known: readonly string[],
  present: ReadonlySet<string>,
): UnknownKeyVerdict {
  const keyNode = propertyKey(property) ?? property;
  const meant = closestMatch(
    key,
    known.filter((candidate) => !present.has(candidate)),
  );
  const where = objectPath.length === 0 ? 'at the top level' : `in ${describePath(objectPath)}`;
  const takes = known.length > 0 ? ` It takes ${quotedList(known)}.` : '';
  const diagnostic: RequestDiagnostic = {
    severity: 'error',
    code: 'unknown-key',
    message: `Unknown key ${quote(key)} ${where}${meant === undefined ? '.' : `: did you mean "${meant}"?`}${takes} ${API_REFUSES}`,
    offset: keyNode.offset,
    length: keyNode.length,
  };
  const fix = meant === undefined ? undefined : renameKeyFix(property, meant);
  if (fix !== undefined) diagnostic.fix = fix;
  return meant === undefined ? { diagnostic } : { diagnostic, meant };
}

export function missingKey(object: Node, path: JsonPath, key: string): RequestDiagnostic {
  const anchor = anchorOf(object);
  const holder = path.length === 0 ? 'The body' : describePath(path);
  return {
    severity: 'error',
    code: 'missing-key',
    message: `${holder} is missing the required key "${key}". ${API_REFUSES}`,
    offset: anchor.offset,
    length: anchor.length,
  };
}

/** JSON number grammar, to offer unquoting a string only when the result is a valid number. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A value of the wrong JSON type. The common slips get a fix: a number where a string is due
 * (`"CustomID": 1234`), a quoted number, and a lone object where the contract wants an array of one.
 */
export function wrongType(
  text: string,
  node: Node,
  path: JsonPath,
  expected: JsonType,
  detail?: string,
  offerFix = true,
): RequestDiagnostic {
  const diagnostic: RequestDiagnostic = {
    severity: 'error',
    code: 'wrong-type',
    message: `${describePath(path)} must be ${detail ?? describeJsonType(expected)}, not ${describeNodeType(node.type)}. ${API_REFUSES}`,
    offset: node.offset,
    length: node.length,
  };
  const raw = () => text.slice(node.offset, node.offset + node.length);
  if (!offerFix) return diagnostic;
  if (expected === 'string' && (node.type === 'number' || node.type === 'boolean')) {
    diagnostic.fix = { title: 'Put the value in quotes', edits: [replaceEdit(node, JSON.stringify(raw()))] };
  } else if (
    expected === 'number' &&
    node.type === 'string' &&
    typeof node.value === 'string' &&
    node.value.length < 32 &&
    JSON_NUMBER.test(node.value)
  ) {
    diagnostic.fix = { title: 'Remove the quotes', edits: [replaceEdit(node, node.value)] };
  } else if (expected === 'array' && node.type === 'object') {
    diagnostic.fix = {
      title: 'Wrap the object in [ ]',
      edits: [
        { offset: node.offset, length: 0, newText: '[' },
        { offset: node.offset + node.length, length: 0, newText: ']' },
      ],
    };
  }
  return diagnostic;
}
