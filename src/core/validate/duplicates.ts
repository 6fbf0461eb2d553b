import type { Node } from 'jsonc-parser';
import { KNOWN_400_TEXTS } from '../contract/choices';
import { l10n } from '../l10n';
import { propertyKey, quote, removePropertyEdit } from './jsonText';
import { offsetToLineColumn } from './lines';
import type { RequestDiagnostic } from './types';

/**
 * jsonc-parser keeps both copies of a repeated key. Which one a server uses depends on its JSON
 * library (most keep the last, some refuse the body), so the author must pick one.
 */
export function findDuplicateKeys(text: string, root: Node): RequestDiagnostic[] {
  const diagnostics: RequestDiagnostic[] = [];
  // An explicit stack: the tree's depth is the author's, not bounded by the contract.
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'object') checkObject(text, node, diagnostics);
    for (const child of node.children ?? []) {
      if (child.type === 'object' || child.type === 'array' || child.type === 'property') stack.push(child);
    }
  }
  return diagnostics;
}

function checkObject(text: string, object: Node, diagnostics: RequestDiagnostic[]): void {
  const first = new Map<string, Node>();
  for (const property of object.children ?? []) {
    const key = propertyKey(property);
    if (key === undefined || typeof key.value !== 'string') continue;
    const earlier = first.get(key.value);
    if (earlier === undefined) {
      first.set(key.value, key);
      continue;
    }
    const line = offsetToLineColumn(text, earlier.offset).line + 1;
    diagnostics.push({
      severity: 'error',
      code: 'duplicate-key',
      message: l10n.t(
        'Duplicate key {0}: it is already set on line {1}. Which copy the API uses is unknown (JSON readers disagree, and some refuse the body with 400 "{2}"); keep one.',
        quote(key.value),
        line,
        KNOWN_400_TEXTS.invalidJson,
      ),
      offset: key.offset,
      length: key.length,
      fix: { title: l10n.t('Remove this second {0}', quote(key.value)), edits: [removePropertyEdit(property)] },
    });
  }
}
