import { l10n } from '../l10n';

/**
 * `{{…}}` variables of scenario files. They only ever fill strings of request bodies (and the
 * scenario's own variables) and `$file` paths that must still stay inside the folder: never the
 * host, the base URL or the key.
 *   {{run.id}}                 unique per run
 *   {{env.NAME}}               the process environment (never the subscription key's variable)
 *   {{row.COLUMN}}             the current CSV data row
 *   {{name}}                   a scenario variable
 *   {{step.Person.BioPassID}}  a field of an earlier step's answer
 */

/** The environment variable that holds the key: a scenario may not read it. */
export const KEY_VARIABLE = 'BIOPASSID_API_KEY';

const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface VariableReference {
  /** What is between the braces, trimmed: `enroll.Person.BioPassID`. */
  readonly name: string;
  /** Offset of `{{` in the string and length up to `}}` included. */
  readonly offset: number;
  readonly length: number;
}

export function referencesIn(text: string): VariableReference[] {
  if (!text.includes('{{')) return [];
  const found: VariableReference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    found.push({ name: match[1] ?? '', offset: match.index ?? 0, length: match[0].length });
  }
  return found;
}

export class VariableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VariableError';
  }
}

export type ReferenceKind =
  | { kind: 'run' }
  | { kind: 'env'; variable: string }
  | { kind: 'row'; column: string }
  | { kind: 'variable'; variable: string }
  | { kind: 'answer'; step: string; path: string[] };

/** What a reference names, by its first part; undefined for a malformed one (`{{}}`, `{{run.x}}`). */
export function classifyReference(name: string, steps: ReadonlySet<string>): ReferenceKind | undefined {
  const parts = name.split('.');
  const [head, ...rest] = parts;
  if (!head || parts.some((part) => part === '')) return undefined;
  if (head === 'run') return rest.length === 1 && rest[0] === 'id' ? { kind: 'run' } : undefined;
  if (head === 'env') return rest.length === 1 && rest[0] ? { kind: 'env', variable: rest[0] } : undefined;
  if (head === 'row') return rest.length === 1 && rest[0] ? { kind: 'row', column: rest[0] } : undefined;
  if (steps.has(head) && rest.length > 0) return { kind: 'answer', step: head, path: rest };
  if (rest.length === 0) return { kind: 'variable', variable: head };
  return { kind: 'answer', step: head, path: rest };
}

export interface VariableScope {
  readonly runId: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly row?: Readonly<Record<string, string>>;
  /** The scenario's variables, unresolved. */
  readonly variables: Readonly<Record<string, string>>;
  /** The answers of the steps run so far in this case, by step name. */
  readonly answers: ReadonlyMap<string, unknown>;
  /** Texts no value may contain (the subscription key). */
  readonly secrets: readonly string[];
}

function fieldAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(part)] : (current as Record<string, unknown>)[part];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Resolves one reference to its value; throws VariableError with a message for the test result. */
function lookup(name: string, scope: VariableScope, resolving: readonly string[]): unknown {
  const kind = classifyReference(name, new Set(scope.answers.keys()));
  if (!kind) throw new VariableError(l10n.t('{0} is not a variable', `{{${name}}}`));
  switch (kind.kind) {
    case 'run':
      return scope.runId;
    case 'env': {
      if (kind.variable === KEY_VARIABLE) {
        throw new VariableError(
          l10n.t('{0}: the subscription key cannot be used in a scenario', `{{env.${KEY_VARIABLE}}}`),
        );
      }
      const value = scope.env[kind.variable];
      if (value === undefined)
        throw new VariableError(l10n.t('{0}: the environment variable is not set', `{{env.${kind.variable}}}`));
      return value;
    }
    case 'row': {
      if (!scope.row) throw new VariableError(l10n.t('{0}: this scenario has no data rows', `{{row.${kind.column}}}`));
      const value = scope.row[kind.column];
      if (value === undefined)
        throw new VariableError(l10n.t('{0}: the CSV has no column "{1}"', `{{row.${kind.column}}}`, kind.column));
      return value;
    }
    case 'variable': {
      const template = scope.variables[kind.variable];
      if (template === undefined) throw new VariableError(l10n.t('{0} is not defined', `{{${kind.variable}}}`));
      if (resolving.includes(kind.variable)) {
        throw new VariableError(
          l10n.t('variables refer to each other in a cycle: {0}', [...resolving, kind.variable].join(' -> ')),
        );
      }
      return fillString(template, scope, [...resolving, kind.variable]);
    }
    case 'answer': {
      if (!scope.answers.has(kind.step)) {
        throw new VariableError(
          l10n.t('{0}: no step named "{1}" has answered before this one', `{{${name}}}`, kind.step),
        );
      }
      const value = fieldAt(scope.answers.get(kind.step), kind.path);
      if (value === undefined)
        throw new VariableError(
          l10n.t('{0}: the answer of "{1}" has no {2}', `{{${name}}}`, kind.step, kind.path.join('.')),
        );
      return value;
    }
  }
}

/**
 * Fills the variables of one string. A string that is exactly one reference takes the value as
 * it is (a number stays a number); otherwise values are written into the text.
 */
export function fillString(text: string, scope: VariableScope, resolving: readonly string[] = []): unknown {
  const references = referencesIn(text);
  if (references.length === 0) return text;
  const only = references[0];
  let result: unknown;
  if (references.length === 1 && only && only.offset === 0 && only.length === text.length) {
    result = lookup(only.name, scope, resolving);
  } else {
    let output = '';
    let copied = 0;
    for (const reference of references) {
      output += text.slice(copied, reference.offset) + describeValue(lookup(reference.name, scope, resolving));
      copied = reference.offset + reference.length;
    }
    result = output + text.slice(copied);
  }
  const written = describeValue(result);
  if (scope.secrets.some((secret) => secret.length > 0 && written.includes(secret))) {
    throw new VariableError(
      text.includes('{{')
        ? l10n.t('a variable would put the subscription key into the request')
        : l10n.t('a value would put the subscription key into the request'),
    );
  }
  return result;
}

/**
 * The value of a `$file` path with variables: run.id, env, rows and scenario variables only, never
 * an earlier answer (a server must not choose which file is read). The path is then checked like
 * any other: inside the folder, or refused.
 */
export function fillFilePath(text: string, scope: VariableScope): string {
  for (const reference of referencesIn(text)) {
    if (classifyReference(reference.name, new Set(scope.answers.keys()))?.kind === 'answer') {
      throw new VariableError(
        l10n.t(
          '{0}: a "$file" path cannot use an answer, only run.id, env, row and variables',
          `{{${reference.name}}}`,
        ),
      );
    }
  }
  return describeValue(fillString(text, { ...scope, answers: new Map() }));
}

/** Fills every string of a request body (keys stay as written), `$file` paths by fillFilePath; returns a new value. */
export function fillBody(value: unknown, scope: VariableScope): unknown {
  if (typeof value === 'string') return value.includes('{{') ? fillString(value, scope) : value;
  if (Array.isArray(value)) return value.map((item) => fillBody(item, scope));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0]?.[0] === '$file' && typeof entries[0][1] === 'string') {
      return { $file: fillFilePath(entries[0][1], scope) };
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, fillBody(item, scope)]));
  }
  return value;
}

/** Whether any string of the value holds a `{{`, so filling can be skipped (the 1,000-step path). */
export function holdsVariables(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(holdsVariables);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsVariables);
  return false;
}

/**
 * The cycles among scenario variables (`a` uses `b`, `b` uses `a`), each as the names in order
 * with the first repeated at the end; every cycle reported once.
 */
export function variableCycles(variables: Readonly<Record<string, string>>): string[][] {
  const uses = (name: string) =>
    referencesIn(variables[name] ?? '')
      .map((reference) => reference.name)
      .filter((used) => !used.includes('.') && used in variables);
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const visit = (name: string, path: string[]) => {
    state.set(name, 'active');
    for (const used of uses(name)) {
      if (state.get(used) === 'active') {
        const cycle = [...path.slice(path.indexOf(used)), used];
        const key = [...cycle.slice(0, -1)].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(used)) {
        visit(used, [...path, used]);
      }
    }
    state.set(name, 'done');
  };
  for (const name of Object.keys(variables)) if (!state.has(name)) visit(name, [name]);
  return cycles;
}
