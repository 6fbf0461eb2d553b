import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { OPERATIONS } from '../contract/operations';
import { zodParseOptions } from '../contract/zodLocale';
import { l10n } from '../l10n';
import type { ValidationContext } from './context';
import { anchorOf, describePath } from './jsonText';
import type { JsonPath } from './types';

/** Issue kinds the walker always reports itself, with a range and a better message. */
const WALKER_CODES = new Set(['invalid_type', 'unrecognized_keys', 'invalid_value', 'invalid_union', 'invalid_key']);

/** The JSON types the walker checks; zod's "expected int" is a number format it leaves to zod. */
const WALKER_TYPES = new Set(['object', 'array', 'string', 'number', 'boolean', 'null']);

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
}

function walkerReports(issue: Issue): boolean {
  if (!WALKER_CODES.has(issue.code)) return false;
  return issue.code !== 'invalid_type' || issue.expected === undefined || WALKER_TYPES.has(issue.expected);
}

/**
 * The contract's remaining rules (number ranges, integer formats, and any refinement added to the
 * schemas later) come from zod itself, placed on the node at the issue's path. An issue counts
 * only when every candidate operation raises it, and never where our own checks already spoke.
 */
export function reportZodIssues(root: Node, ctx: ValidationContext): void {
  if (ctx.operations.length === 0) return;
  const value: unknown = getNodeValue(root);
  let common: Map<string, Issue> | undefined;
  const options = zodParseOptions();
  for (const operation of ctx.operations) {
    const result = OPERATIONS[operation].authoringRequest.safeParse(value, options);
    const issues = new Map<string, Issue>(
      (result.success ? [] : (result.error.issues as Issue[])).map((issue) => [issueKey(issue), issue]),
    );
    common = common === undefined ? issues : new Map([...common].filter(([key]) => issues.has(key)));
  }
  for (const issue of common?.values() ?? []) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (walkerReports(issue) || ctx.covers(path)) continue;
    const range = rangeAt(root, path);
    ctx.report(
      {
        severity: 'error',
        code: 'schema-constraint',
        message: l10n.t(
          '{0} breaks the contract: {1}. The API is likely to refuse the request (400).',
          describePath(path),
          issue.message,
        ),
        ...range,
      },
      path,
    );
  }
}

function issueKey(issue: Issue): string {
  return `${issue.code}\u0000${issue.path.map(String).join('\u0000')}\u0000${issue.message}`;
}

/** The node at the path, or the closest existing ancestor's anchor when the path is missing. */
function rangeAt(root: Node, path: JsonPath): { offset: number; length: number } {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node === undefined) continue;
    if (length === path.length && node.type !== 'object' && node.type !== 'array') {
      return { offset: node.offset, length: node.length };
    }
    return anchorOf(node);
  }
  return { offset: root.offset, length: 1 };
}
