import type { Node } from 'jsonc-parser';
import type * as z from 'zod';
import {
  ENVELOPES,
  type Envelope,
  OPERATION_IDS,
  OPERATIONS,
  type OperationId,
  operationsOfEnvelope,
} from '../contract/operations';
import { l10n } from '../l10n';
import type { ValidationContext } from './context';
import { propertyKey, propertyValue, quote, removePropertyEdit } from './jsonText';
import { apiRefuses, quotedList } from './messages';
import { describeNodeType, shapeOf, viewOf } from './schema';
import { renameKeyFix } from './shapeDiagnostics';
import { closestMatch } from './suggest';
import type { RequestDiagnostic } from './types';
import type { SchemaWalker } from './walker';

/** Which operations a body is checked against, decided by its top-level key. */
export interface EnvelopeResolution {
  /** The envelope the top-level key names exactly. */
  envelope?: Envelope;
  /** The candidates reported to the caller: empty when no envelope is named. */
  operations: OperationId[];
  /** The operations the body is checked against: with a misspelt key, those of the envelope it meant. */
  checked: OperationId[];
  /** The top-level property holding the body, and the envelope it is checked as. */
  body?: { property: Node; as: Envelope };
  /** The operation the caller asked for. */
  pinned?: OperationId;
}

function isEnvelope(key: string): key is Envelope {
  return (ENVELOPES as readonly string[]).includes(key);
}

function rootShape(operation: OperationId): Record<string, z.ZodType> {
  return shapeOf(viewOf(OPERATIONS[operation].authoringRequest));
}

function bodyKeys(operation: OperationId): Set<string> {
  const envelope = rootShape(operation)[OPERATIONS[operation].envelope];
  return new Set(envelope === undefined ? [] : Object.keys(shapeOf(viewOf(envelope))));
}

/**
 * Operations sharing an envelope differ in the keys they take (delete takes only CustomID): an
 * operation stays a candidate unless the body holds a key another one takes and it does not.
 */
function narrow(candidates: OperationId[], body: Node | undefined): OperationId[] {
  if (body?.type !== 'object') return candidates;
  const takenByAny = new Set(candidates.flatMap((operation) => [...bodyKeys(operation)]));
  const keys = (body.children ?? []).flatMap((property) => {
    const key = propertyKey(property)?.value;
    return typeof key === 'string' && takenByAny.has(key) ? [key] : [];
  });
  const fitting = candidates.filter((operation) => {
    const taken = bodyKeys(operation);
    return keys.every((key) => taken.has(key));
  });
  return fitting.length > 0 ? fitting : candidates;
}

function topLevelKey(property: Node): string | undefined {
  const key = propertyKey(property)?.value;
  return typeof key === 'string' ? key : undefined;
}

export function resolveEnvelope(root: Node | undefined, operation: OperationId | undefined): EnvelopeResolution {
  const properties = root?.type === 'object' ? (root.children ?? []) : [];
  const named = properties.find((property) => isEnvelope(topLevelKey(property) ?? ''));
  const envelope = named === undefined ? undefined : (topLevelKey(named) as Envelope);

  if (operation !== undefined) {
    const expected = OPERATIONS[operation].envelope;
    const exact = properties.find((property) => topLevelKey(property) === expected);
    const misspelt =
      exact ??
      properties.find((property) => {
        const key = topLevelKey(property) ?? '';
        return !isEnvelope(key) && closestMatch(key, [expected]) !== undefined;
      });
    const resolution: EnvelopeResolution = { operations: [operation], checked: [operation], pinned: operation };
    if (envelope !== undefined) resolution.envelope = envelope;
    if (misspelt !== undefined) resolution.body = { property: misspelt, as: expected };
    return resolution;
  }

  if (named !== undefined && envelope !== undefined) {
    const candidates = narrow(
      operationsOfEnvelope(envelope).map((each) => each.id),
      propertyValue(named),
    );
    return { envelope, operations: candidates, checked: candidates, body: { property: named, as: envelope } };
  }
  for (const property of properties) {
    const meant = closestMatch(topLevelKey(property) ?? '', ENVELOPES);
    if (meant === undefined || !isEnvelope(meant)) continue;
    const checked = narrow(
      operationsOfEnvelope(meant).map((each) => each.id),
      propertyValue(property),
    );
    return { operations: [], checked, body: { property, as: meant } };
  }
  return { operations: [], checked: [] };
}

/** Checks the top level: the envelope key, then the body under it through the schema walker. */
export function checkRoot(
  root: Node,
  resolution: EnvelopeResolution,
  ctx: ValidationContext,
  walker: SchemaWalker,
): void {
  if (root.type !== 'object') {
    ctx.report(
      {
        severity: 'error',
        code: 'not-an-object',
        message: l10n.t(
          'The request body must be a JSON object holding one envelope, e.g. {0}, not {1}. {2}',
          '{ "Person": { … } }',
          describeNodeType(root.type),
          apiRefuses(),
        ),
        offset: root.offset,
        length: root.length,
      },
      [],
    );
    return;
  }
  // With no envelope at all, keys every operation takes (`$schema`) are still known.
  const shapes = (resolution.checked.length > 0 ? resolution.checked : OPERATION_IDS).map(rootShape);
  const schemasAt = (key: string) =>
    shapes.flatMap((shape) => {
      const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
      return schema === undefined ? [] : [schema];
    });
  const { body, pinned } = resolution;
  let envelopeSeen = false;
  let unknownReported = false;

  for (const property of root.children ?? []) {
    const key = topLevelKey(property);
    const keyNode = propertyKey(property);
    const value = propertyValue(property);
    if (key === undefined || keyNode === undefined) continue;
    const schemas = schemasAt(key);
    if (schemas.length > 0) {
      if (isEnvelope(key)) envelopeSeen = true;
      if (value !== undefined) walker.walk(value, schemas, [key], [key]);
      continue;
    }
    let diagnostic: RequestDiagnostic;
    if (property === body?.property) {
      envelopeSeen = true;
      diagnostic = misspeltEnvelope(property, keyNode, key, body.as);
      if (value !== undefined) walker.walk(value, schemasAt(body.as), [key], [body.as]);
    } else if (isEnvelope(key) && pinned !== undefined && !envelopeSeen && body === undefined) {
      envelopeSeen = true;
      diagnostic = envelopeMismatch(keyNode, key, pinned);
    } else if (isEnvelope(key)) {
      diagnostic = {
        severity: 'error',
        code: 'multiple-envelopes',
        message: l10n.t('A request holds exactly one envelope; {0} is a second one. {1}', quote(key), apiRefuses()),
        offset: keyNode.offset,
        length: keyNode.length,
        fix: { title: l10n.t('Remove {0}', quote(key)), edits: [removePropertyEdit(property)] },
      };
    } else {
      unknownReported = true;
      diagnostic = {
        severity: 'error',
        code: 'unknown-envelope',
        message: l10n.t(
          'Unknown top-level key {0}: a request holds one envelope, {1}. {2}',
          quote(key),
          quotedList(ENVELOPES),
          apiRefuses(),
        ),
        offset: keyNode.offset,
        length: keyNode.length,
      };
    }
    ctx.report(diagnostic, [key]);
  }
  if (!envelopeSeen && !unknownReported) ctx.report(missingEnvelope(root, pinned), []);
}

function misspeltEnvelope(property: Node, keyNode: Node, key: string, meant: Envelope): RequestDiagnostic {
  const diagnostic: RequestDiagnostic = {
    severity: 'error',
    code: 'unknown-envelope',
    message: l10n.t(
      'Unknown top-level key {0}: did you mean "{1}"? A request holds one envelope, {2}. {3}',
      quote(key),
      meant,
      quotedList(ENVELOPES),
      apiRefuses(),
    ),
    offset: keyNode.offset,
    length: keyNode.length,
  };
  const fix = renameKeyFix(property, meant);
  if (fix !== undefined) diagnostic.fix = fix;
  return diagnostic;
}

function envelopeMismatch(keyNode: Node, key: string, pinned: OperationId): RequestDiagnostic {
  const { title, method, path, envelope } = OPERATIONS[pinned];
  return {
    severity: 'error',
    code: 'envelope-mismatch',
    message: l10n.t(
      '{0} ({1} {2}) takes a "{3}" envelope, not {4}. {5}',
      title,
      method,
      path,
      envelope,
      quote(key),
      apiRefuses(),
    ),
    offset: keyNode.offset,
    length: keyNode.length,
  };
}

function missingEnvelope(root: Node, pinned: OperationId | undefined): RequestDiagnostic {
  const expected =
    pinned === undefined ? l10n.t('one of {0}', quotedList(ENVELOPES)) : `"${OPERATIONS[pinned].envelope}"`;
  return {
    severity: 'error',
    code: 'missing-envelope',
    message: l10n.t('The body holds no envelope: a request has {0} at the top level. {1}', expected, apiRefuses()),
    offset: root.offset,
    length: 1,
  };
}
