import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { offsetToLineColumn } from '../validate/validateRequest';

/** A place in a scenario (or CSV) file: 0-based line and character, as editors count. */
export interface Location {
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly character: number;
}

export type JsonPath = (string | number)[];

export function locationAt(text: string, offset: number, length: number): Location {
  const { line, character } = offsetToLineColumn(text, offset);
  return { offset, length, line, character };
}

/**
 * Where to point for a path in the file: a property's key (`"verdict"`), an array item itself,
 * or the closest existing parent when the path is not in the file.
 */
export function locate(text: string, root: Node | undefined, path: JsonPath): Location {
  if (!root) return locationAt(text, 0, 0);
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth));
    if (!node) continue;
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    const key = property?.children?.[0];
    if (key && key !== node) return locationAt(text, key.offset, key.length);
    const length = node.type === 'object' || node.type === 'array' ? 1 : node.length;
    return locationAt(text, node.offset, length);
  }
  return locationAt(text, 0, 0);
}

/** The string value node at a path, for pointing inside it (a variable in a body string). */
export function stringNodeAt(root: Node | undefined, path: JsonPath): Node | undefined {
  const node = root ? findNodeAtLocation(root, path) : undefined;
  return node?.type === 'string' ? node : undefined;
}
