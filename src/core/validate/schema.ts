import type * as z from 'zod';
import { base64Fields, type ImageRole } from '../contract/images';
import { l10n } from '../l10n';

/** The parts of a zod 4 definition (`schema._zod.def`) the walker reads. */
interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}

/** A schema with its wrappers (optional, default, pipe, lazy…) peeled off and noted. */
export interface SchemaView {
  definition: Definition;
  optional: boolean;
  nullable: boolean;
  /** Set when the schema is a base64 field of the contract (found through the `base64Fields` registry). */
  role?: ImageRole;
}

function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

export function viewOf(schema: z.ZodType): SchemaView {
  let current = schema;
  let optional = false;
  let nullable = false;
  let role: ImageRole | undefined;
  for (;;) {
    role ??= base64Fields().get(current)?.role;
    const definition = definitionOf(current);
    let inner: z.ZodType | undefined;
    switch (definition.type) {
      case 'optional':
      case 'default':
      case 'prefault':
        optional = true;
        inner = definition.innerType;
        break;
      case 'nullable':
        nullable = true;
        inner = definition.innerType;
        break;
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        inner = definition.innerType;
        break;
      case 'pipe':
        inner = definition.in;
        break;
      case 'lazy':
        inner = definition.getter?.();
        break;
    }
    if (inner === undefined)
      return role === undefined ? { definition, optional, nullable } : { definition, optional, nullable, role };
    current = inner;
  }
}

/** The JSON type a schema takes, or undefined for one the walker leaves to zod (unions, any…). */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function jsonTypeOf(view: SchemaView): JsonType | undefined {
  const { type } = view.definition;
  switch (type) {
    case 'object':
    case 'array':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return type;
    case 'enum':
      return enumValues(view).every((value) => typeof value === 'string') ? 'string' : undefined;
    default:
      return undefined;
  }
}

export function enumValues(view: SchemaView): (string | number)[] {
  return Object.values(view.definition.entries ?? {});
}

export function shapeOf(view: SchemaView): Record<string, z.ZodType> {
  return view.definition.shape ?? {};
}

export function elementOf(view: SchemaView): z.ZodType | undefined {
  return view.definition.element;
}

/** The object option of a base64 field's union: the `{ "$file": … }` reference, when the flavour allows one. */
export function fileReferenceOption(schema: z.ZodType): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  while (current !== undefined) {
    const definition = definitionOf(current);
    if (definition.type === 'union')
      return definition.options?.find((option) => viewOf(option).definition.type === 'object');
    current = definition.innerType ?? definition.in;
  }
  return undefined;
}

/** A JSON type as a message names it, in the reader's language. */
export function describeJsonType(type: JsonType): string {
  switch (type) {
    case 'object':
      return l10n.t('an object');
    case 'array':
      return l10n.t('an array');
    case 'string':
      return l10n.t('a string');
    case 'number':
      return l10n.t('a number');
    case 'boolean':
      return l10n.t('true or false');
    case 'null':
      return 'null';
  }
}

const JSON_TYPES: ReadonlySet<string> = new Set<JsonType>(['object', 'array', 'string', 'number', 'boolean', 'null']);

/** How a JSON node's type reads in a message: `a number`, `an array`. */
export function describeNodeType(type: string): string {
  return JSON_TYPES.has(type) ? describeJsonType(type as JsonType) : type;
}
