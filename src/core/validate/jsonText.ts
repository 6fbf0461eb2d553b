import type { Node } from 'jsonc-parser';
import type { JsonPath, TextEdit } from './types';

/** A range in the validated text. */
export interface Range {
  offset: number;
  length: number;
}

export function rangeOf(node: Node): Range {
  return { offset: node.offset, length: node.length };
}

export function propertyKey(property: Node): Node | undefined {
  return property.children?.[0];
}

export function propertyValue(property: Node): Node | undefined {
  return property.children?.[1];
}

/**
 * Where to point at a whole object or array without underlining megabytes: the key that holds
 * it, or its opening bracket when it has none (the root, an array item).
 */
export function anchorOf(node: Node): Range {
  const parent = node.parent;
  if (parent?.type === 'property') {
    const key = propertyKey(parent);
    if (key !== undefined && key !== node) return rangeOf(key);
  }
  return { offset: node.offset, length: node.type === 'object' || node.type === 'array' ? 1 : node.length };
}

/** Removes a property with the comma that separates it, so the object stays valid JSON. */
export function removePropertyEdit(property: Node): TextEdit {
  const siblings = property.parent?.children ?? [property];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next !== undefined) return { offset: property.offset, length: next.offset - property.offset, newText: '' };
  if (previous !== undefined) {
    const start = previous.offset + previous.length;
    return { offset: start, length: property.offset + property.length - start, newText: '' };
  }
  return { offset: property.offset, length: property.length, newText: '' };
}

export function replaceEdit(node: Range, newText: string): TextEdit {
  return { offset: node.offset, length: node.length, newText };
}

/**
 * The text offset where character `index` of a string node's decoded value starts (`index` may be
 * the value's length: the closing quote). Without escapes the two line up; with escapes (a JSON
 * writer may send `\/`) the raw text is walked, which happens only to place an error.
 */
export function stringOffset(text: string, node: Node, index: number): number {
  const start = node.offset + 1;
  const value = typeof node.value === 'string' ? node.value : '';
  if (node.length === value.length + 2) return start + index;
  let position = start;
  for (let decoded = 0; decoded < index && position < text.length; decoded++) {
    if (text.charCodeAt(position) !== 0x5c /* \ */) position++;
    else position += text.charCodeAt(position + 1) === 0x75 /* u */ ? 6 : 2;
  }
  return position;
}

/** The range of characters `from` to `to` (exclusive) of a string node's decoded value. */
export function stringRange(text: string, node: Node, from: number, to: number): Range {
  const offset = stringOffset(text, node, from);
  return { offset, length: stringOffset(text, node, to) - offset };
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `Person.Face[0].Face-1`, the way a developer would name the field. */
export function describePath(path: JsonPath): string {
  if (path.length === 0) return 'the body';
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else if (segment.length <= 64 && PLAIN_KEY.test(segment)) result += result === '' ? segment : `.${segment}`;
    else result += `[${JSON.stringify(segment.length > 64 ? `${segment.slice(0, 61)}...` : segment)}]`;
  }
  return result;
}

/** Quotes a key or value for a message, cutting it short so a pasted image never lands in one. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}
