import type { Node } from 'jsonc-parser';

/**
 * A JSON tree as a flat pre-order list, each node with the index of its parent: comparing these
 * checks the same fields and parent links as comparing the trees, without recursing through the
 * parent cycles (Node 24's deepStrictEqual overflows the stack on deeply nested trees).
 */
export function treeShape(root: Node | undefined): unknown[] {
  const shape: unknown[] = [];
  const indexOf = new Map<Node, number>();
  const pending: Node[] = root ? [root] : [];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    indexOf.set(node, shape.length);
    shape.push({
      type: node.type,
      offset: node.offset,
      length: node.length,
      value: node.value,
      colonOffset: node.colonOffset,
      children: node.children?.length,
      parent: node.parent === undefined ? undefined : (indexOf.get(node.parent) ?? 'outside the tree'),
    });
    for (const child of [...(node.children ?? [])].reverse()) pending.push(child);
  }
  return shape;
}
