import type { Node } from 'jsonc-parser';
import { l10n } from '../l10n';
import { anchorOf, describePath, propertyKey, quote, replaceEdit } from './jsonText';
import { apiRefuses, quotedList } from './messages';
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
  if (key === undefined) return undefined;
  return { title: l10n.t('Rename to "{0}"', to), edits: [replaceEdit(key, JSON.stringify(to))] };
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
  const where = objectPath.length === 0 ? l10n.t('at the top level') : l10n.t('in {0}', describePath(objectPath));
  const unknown =
    meant === undefined
      ? l10n.t('Unknown key {0} {1}.', quote(key), where)
      : l10n.t('Unknown key {0} {1}: did you mean "{2}"?', quote(key), where, meant);
  const takes = known.length > 0 ? ` ${l10n.t('It takes {0}.', quotedList(known))}` : '';
  const diagnostic: RequestDiagnostic = {
    severity: 'error',
    code: 'unknown-key',
    message: `${unknown}${takes} ${apiRefuses()}`,
    offset: keyNode.offset,
    length: keyNode.length,
  };
  const fix = meant === undefined ? undefined : renameKeyFix(property, meant);
  if (fix !== undefined) diagnostic.fix = fix;
  return meant === undefined ? { diagnostic } : { diagnostic, meant };
}

export function missingKey(object: Node, path: JsonPath, key: string): RequestDiagnostic {
  const anchor = anchorOf(object);
  const message =
    path.length === 0
      ? l10n.t('The body is missing the required key "{0}". {1}', key, apiRefuses())
      : l10n.t('{0} is missing the required key "{1}". {2}', describePath(path), key, apiRefuses());
  return {
    severity: 'error',
    code: 'missing-key',
    message,
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
    message: l10n.t(
      '{0} must be {1}, not {2}. {3}',
      describePath(path),
      detail ?? describeJsonType(expected),
      describeNodeType(node.type),
      apiRefuses(),
    ),
    offset: node.offset,
    length: node.length,
  };
  const raw = () => text.slice(node.offset, node.offset + node.length);
  if (!offerFix) return diagnostic;
  if (expected === 'string' && (node.type === 'number' || node.type === 'boolean')) {
    diagnostic.fix = { title: l10n.t('Put the value in quotes'), edits: [replaceEdit(node, JSON.stringify(raw()))] };
  } else if (
    expected === 'number' &&
    node.type === 'string' &&
    typeof node.value === 'string' &&
    node.value.length < 32 &&
    JSON_NUMBER.test(node.value)
  ) {
    diagnostic.fix = { title: l10n.t('Remove the quotes'), edits: [replaceEdit(node, node.value)] };
  } else if (expected === 'array' && node.type === 'object') {
    diagnostic.fix = {
      title: l10n.t('Wrap the object in [ ]'),
      edits: [
        { offset: node.offset, length: 0, newText: '[' },
        { offset: node.offset + node.length, length: 0, newText: ']' },
      ],
    };
  }
  return diagnostic;
}
