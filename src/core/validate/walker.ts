import type { Node } from 'jsonc-parser';
import type * as z from 'zod';
import { l10n } from '../l10n';
import type { ValidationContext } from './context';
import { checkImageField } from './imageField';
import { describePath, propertyKey, propertyValue, quote, replaceEdit } from './jsonText';
import { apiRefuses, quotedList } from './messages';
import type { NodeRule, RuleTable } from './rules';
import { ruleKey } from './rules';
import { elementOf, enumValues, jsonTypeOf, type SchemaView, shapeOf, viewOf } from './schema';
import { missingKey, unknownKey, wrongType } from './shapeDiagnostics';
import { closestMatch } from './suggest';
import type { JsonPath, RequestDiagnostic } from './types';

/**
 * Walks the JSON tree in step with the zod schemas of the candidate operations. With several
 * candidates, a problem is reported only when it holds for all of them: a key is unknown when no
 * candidate takes it, required when every candidate requires it, an enum value wrong when no
 * candidate allows it. The depth is bounded by the schemas', never by the document's.
 */
export class SchemaWalker {
  constructor(
    private readonly ctx: ValidationContext,
    private readonly rules: RuleTable,
  ) {}

  /** `schemaPath` differs from `path` when a misspelt key is checked as the key it meant. */
  walk(node: Node, schemas: readonly z.ZodType[], path: JsonPath, schemaPath: JsonPath): void {
    if (schemas.length === 0) return;
    const views = schemas.map(viewOf);
    const rule = this.rules[ruleKey(schemaPath)];
    if (rule !== undefined) this.ctx.own(path);

    const roles = views.flatMap((view) => (view.role === undefined ? [] : [view.role]));
    if (roles.length > 0) {
      this.ctx.own(path);
      checkImageField(node, roles, schemas, path, this.ctx);
      return;
    }
    if (node.type === 'null' && views.some((view) => view.nullable)) return;
    const primary = views[0];
    const expected = primary === undefined ? undefined : jsonTypeOf(primary);
    // Unions, literals and the like are left to zod's own issues.
    if (primary === undefined || expected === undefined) return;
    if (node.type !== expected) {
      const detail =
        primary.definition.type === 'enum' ? l10n.t('one of {0}', quotedList(allowedValues(views))) : undefined;
      this.ctx.report(wrongType(this.ctx.text, node, path, expected, detail), path);
      return;
    }
    switch (primary.definition.type) {
      case 'object':
        this.walkObject(node, views, path, schemaPath, rule);
        return;
      case 'array': {
        const elements = views.flatMap((view) => {
          const element = elementOf(view);
          return element === undefined ? [] : [element];
        });
        (node.children ?? []).forEach((child, index) => {
          this.walk(child, elements, [...path, index], [...schemaPath, index]);
        });
        break;
      }
      case 'enum':
        if (!this.checkEnum(node, views, path)) return;
        break;
    }
    rule?.check?.(node, path, this.ctx);
  }

  private walkObject(
    node: Node,
    views: SchemaView[],
    path: JsonPath,
    schemaPath: JsonPath,
    rule: NodeRule | undefined,
  ) {
    const shapes = views.map(shapeOf);
    const known = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
    const present = new Set<string>();
    for (const property of node.children ?? []) {
      const key = propertyKey(property)?.value;
      if (typeof key === 'string') present.add(key);
    }
    const meant = new Set<string>();
    for (const property of node.children ?? []) {
      const key = propertyKey(property)?.value;
      if (typeof key !== 'string') continue;
      const value = propertyValue(property);
      const childSchemas = schemasAt(shapes, key);
      if (childSchemas.length > 0) {
        if (value !== undefined) this.walk(value, childSchemas, [...path, key], [...schemaPath, key]);
        continue;
      }
      const verdict =
        rule?.unknownKey?.(property, key, present, this.ctx) ?? unknownKey(property, key, path, known, present);
      this.ctx.report(verdict.diagnostic, [...path, key]);
      if (verdict.meant === undefined) continue;
      meant.add(verdict.meant);
      // Checking the value as the key it meant finds its other problems before the rename.
      if (value !== undefined)
        this.walk(value, schemasAt(shapes, verdict.meant), [...path, key], [...schemaPath, verdict.meant]);
    }
    for (const key of known) {
      if (present.has(key) || meant.has(key)) continue;
      const required = shapes.every((shape) => {
        const schema = shape[key];
        return schema !== undefined && !viewOf(schema).optional;
      });
      if (required) this.ctx.report(missingKey(node, path, key), [...path, key]);
    }
    rule?.check?.(node, path, this.ctx, { keys: new Set([...present, ...meant]) });
  }

  /** Reports a value no candidate allows; returns whether the value is allowed. */
  private checkEnum(node: Node, views: SchemaView[], path: JsonPath): boolean {
    const allowed = allowedValues(views);
    const value = node.value;
    if (typeof value !== 'string' || allowed.includes(value)) return true;
    const meant = closestMatch(value, allowed);
    const diagnostic: RequestDiagnostic = {
      severity: 'error',
      code: 'invalid-enum',
      message:
        meant === undefined
          ? l10n.t(
              '{0} is {1}, which the API does not know: it takes {2}, exactly as spelt. {3}',
              describePath(path),
              quote(value),
              quotedList(allowed),
              apiRefuses(),
            )
          : l10n.t(
              '{0} is {1}, which the API does not know (did you mean "{2}"?): it takes {3}, exactly as spelt. {4}',
              describePath(path),
              quote(value),
              meant,
              quotedList(allowed),
              apiRefuses(),
            ),
      offset: node.offset,
      length: node.length,
    };
    if (meant !== undefined)
      diagnostic.fix = { title: l10n.t('Change to "{0}"', meant), edits: [replaceEdit(node, JSON.stringify(meant))] };
    this.ctx.report(diagnostic, path);
    return false;
  }
}

function schemasAt(shapes: Record<string, z.ZodType>[], key: string): z.ZodType[] {
  return shapes.flatMap((shape) => {
    const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    return schema === undefined ? [] : [schema];
  });
}

function allowedValues(views: SchemaView[]): string[] {
  return [...new Set(views.flatMap((view) => enumValues(view).map(String)))];
}
