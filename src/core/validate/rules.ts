import type { Node } from 'jsonc-parser';
import type { ValidationContext } from './context';
import type { UnknownKeyVerdict } from './shapeDiagnostics';
import type { JsonPath } from './types';

export interface ObjectFacts {
  /** The keys the object holds, plus those its unknown keys most likely meant. */
  keys: ReadonlySet<string>;
}

/**
 * Checks for one place of a contract, keyed by its schema path (`Person/Fingers/*`), that say more
 * than the generic walk can. Their paths count as covered, so zod's issues there are not repeated.
 */
export interface NodeRule {
  /** Replaces the generic unknown-key diagnostic; undefined falls back to it. */
  unknownKey?(
    property: Node,
    key: string,
    present: ReadonlySet<string>,
    ctx: ValidationContext,
  ): UnknownKeyVerdict | undefined;
  /** Runs once the node has the JSON type its schema takes; `facts` is given for objects. */
  check?(node: Node, path: JsonPath, ctx: ValidationContext, facts?: ObjectFacts): void;
}

export type RuleTable = Readonly<Record<string, NodeRule>>;

/** Array indexes become `*`: one rule covers every item. */
export function ruleKey(schemaPath: readonly (string | number)[]): string {
  return schemaPath.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('/');
}
