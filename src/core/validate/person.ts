import type { Node } from 'jsonc-parser';
import { FINGER_KEYS, FINGER_NAMES, fingerLabel } from '../contract/fields';
import { OPERATIONS, type OperationId, operationsOfEnvelope } from '../contract/operations';
import { l10n } from '../l10n';
import type { ValidationContext } from './context';
import { customId } from './customId';
import { anchorOf, describePath, propertyKey, quote, rangeOf, removePropertyEdit } from './jsonText';
import { apiRefuses, oneOf } from './messages';
import type { NodeRule, ObjectFacts, RuleTable } from './rules';
import { shapeOf, viewOf } from './schema';
import { renameKeyFix, type UnknownKeyVerdict } from './shapeDiagnostics';
import { closestMatch } from './suggest';
import type { Fix, JsonPath, RequestDiagnostic } from './types';

function personKeys(operation: OperationId): string[] {
  const person = shapeOf(viewOf(OPERATIONS[operation].authoringRequest)).Person;
  return person === undefined ? [] : Object.keys(shapeOf(viewOf(person)));
}

let biometricKeys: string[] | undefined;

/** The image keys of the Person envelope (Face, Fingers), from the contract; read on first use. */
function biometricKeysOfPerson(): string[] {
  biometricKeys ??= [
    ...new Set(
      operationsOfEnvelope('Person').flatMap((operation) =>
        personKeys(operation.id).filter((key) => key !== 'CustomID'),
      ),
    ),
  ];
  return biometricKeys;
}

/**
 * In the contract, the Person of every operation that takes images (enroll, verify, update)
 * carries the refinement "needs a Face or Fingers"; delete takes none.
 */
function takesBiometrics(operation: OperationId): boolean {
  return personKeys(operation).some((key) => biometricKeysOfPerson().includes(key));
}

const person: NodeRule = {
  unknownKey(property, key, _present, ctx) {
    if (ctx.operations.some(takesBiometrics)) return undefined;
    // Checked as a delete: a misspelt CustomID is renamed, anything else removed.
    if (!biometricKeysOfPerson().includes(key) && closestMatch(key, ['CustomID']) !== undefined) return undefined;
    const keyNode = propertyKey(property) ?? property;
    return {
      diagnostic: {
        severity: 'error',
        code: 'delete-extra-property',
        message: l10n.t(
          'A delete request carries only CustomID: {0} has no place in it. {1}',
          quote(key),
          apiRefuses(),
        ),
        offset: keyNode.offset,
        length: keyNode.length,
        fix: { title: l10n.t('Remove {0}', quote(key)), edits: [removePropertyEdit(property)] },
      },
    };
  },
  check(node, path, ctx, facts) {
    if (facts === undefined || !ctx.operations.every(takesBiometrics)) return;
    if (biometricKeysOfPerson().some((key) => facts.keys.has(key))) return;
    const titles = ctx.operations.map((operation) => OPERATIONS[operation].title.toLowerCase());
    ctx.report(
      {
        severity: 'error',
        code: 'missing-biometric',
        message: l10n.t(
          '{0} needs at least one image: add {1} or {2} to {3}. {4}',
          requestOf(oneOf(titles)),
          '"Face": [ { "Face-1": … } ]',
          '"Fingers": [ { "Finger-1": … } ]',
          describePath(path),
          apiRefuses(),
        ),
        ...anchorOf(node),
      },
      // No path: the rest of Person is still worth checking against the contract.
    );
  },
};

/** `An enroll request`: the article is chosen by the English word, and each language words both its own way. */
function requestOf(operations: string): string {
  return /^[aeiou]/i.test(operations) ? l10n.t('An {0} request', operations) : l10n.t('A {0} request', operations);
}

function exactlyOne(example: () => string, merge: boolean): NodeRule {
  return {
    check(node, path, ctx) {
      const items = node.children ?? [];
      if (items.length === 1) return;
      const where = describePath(path);
      if (items.length === 0) {
        ctx.report(
          {
            severity: 'error',
            code: 'biometric-array-length',
            message: l10n.t(
              '{0} is an empty array: it must hold exactly one object, {1}. {2}',
              where,
              example(),
              apiRefuses(),
            ),
            ...rangeOf(node),
          },
          path,
        );
        return;
      }
      const first = items[0] as Node;
      const last = items[items.length - 1] as Node;
      const diagnostic: RequestDiagnostic = {
        severity: 'error',
        code: 'biometric-array-length',
        message: l10n.t(
          '{0} holds {1} objects; the API takes exactly one, {2}. {3}',
          where,
          items.length,
          example(),
          apiRefuses(),
        ),
        offset: (items[1] as Node).offset,
        length: last.offset + last.length - (items[1] as Node).offset,
      };
      const fix = merge ? mergeObjectsFix(items) : undefined;
      diagnostic.fix = fix ?? {
        title: l10n.t('Keep only the first object'),
        edits: [
          {
            offset: first.offset + first.length,
            length: last.offset + last.length - (first.offset + first.length),
            newText: '',
          },
        ],
      };
      ctx.report(diagnostic, path);
    },
  };
}

/** Joins objects with distinct keys into the first: `[ {"Finger-1": a}, {"Finger-2": b} ]` -> one object. */
function mergeObjectsFix(items: Node[]): Fix | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.type !== 'object' || (item.children ?? []).length === 0) return undefined;
    for (const property of item.children ?? []) {
      const key = propertyKey(property)?.value;
      if (typeof key !== 'string' || seen.has(key)) return undefined;
      seen.add(key);
    }
  }
  const edits = [];
  for (let index = 0; index + 1 < items.length; index++) {
    const properties = (items[index] as Node).children as Node[];
    const lastProperty = properties[properties.length - 1] as Node;
    const nextProperty = ((items[index + 1] as Node).children as Node[])[0] as Node;
    const end = lastProperty.offset + lastProperty.length;
    edits.push({ offset: end, length: nextProperty.offset - end, newText: ', ' });
  }
  return { title: l10n.t('Merge into one object'), edits };
}

const FACE_KEY = /^face[\s_-]*0*(\d{1,4})$/i;

const faceObject: NodeRule = {
  unknownKey(property, key, present) {
    const match = key.length <= 64 ? FACE_KEY.exec(key) : null;
    if (match === null) return undefined;
    const keyNode = propertyKey(property) ?? property;
    const isFaceOne = Number(match[1]) === 1;
    const message = isFaceOne
      ? l10n.t('{0} is spelt "Face-1": keys are case-sensitive. {1}', quote(key), apiRefuses())
      : l10n.t(
          'Only "Face-1" exists: the API takes one face image per person and documents no {0}. {1}',
          quote(key),
          apiRefuses(),
        );
    const diagnostic: RequestDiagnostic = {
      severity: 'error',
      code: 'unknown-face-key',
      message,
      offset: keyNode.offset,
      length: keyNode.length,
    };
    if (present.has('Face-1')) {
      diagnostic.fix = { title: l10n.t('Remove {0}', quote(key)), edits: [removePropertyEdit(property)] };
      return { diagnostic };
    }
    const fix = renameKeyFix(property, 'Face-1');
    if (fix !== undefined) diagnostic.fix = fix;
    return { diagnostic, meant: 'Face-1' };
  },
};

const FINGER_KEY = /^fingers?[\s_-]*0*(\d{1,4})$/i;
/** `1 right thumb, 2 right index, …`, in the reader's language. */
function fingerNumbering(): string {
  return FINGER_KEYS.map((_, index) => `${index + 1} ${fingerLabel(index + 1)}`).join(', ');
}

/** `finger-1`, `Finger1`, `finger_01` and `right thumb` all name Finger-1; `Finger-11` names no finger. */
function fingerNumber(key: string): number | undefined {
  if (key.length > 64) return undefined;
  const match = FINGER_KEY.exec(key);
  if (match !== null) return Number(match[1]);
  const bare = key.toLowerCase().replace(/[^a-z]/g, '');
  const index = FINGER_NAMES.findIndex((name) => name.replace(/[^a-z]/g, '') === bare);
  return index === -1 ? undefined : index + 1;
}

const fingersObject: NodeRule = {
  unknownKey(property, key, present): UnknownKeyVerdict | undefined {
    const number = fingerNumber(key);
    if (number === undefined) return undefined;
    const keyNode = propertyKey(property) ?? property;
    const diagnostic: RequestDiagnostic = {
      severity: 'error',
      code: 'unknown-finger-key',
      message: '',
      offset: keyNode.offset,
      length: keyNode.length,
    };
    const target = FINGER_KEYS[number - 1];
    if (target === undefined) {
      diagnostic.message = l10n.t(
        '{0} is not a finger: the API numbers fingers "Finger-1" to "Finger-10" ({1}). {2}',
        quote(key),
        fingerNumbering(),
        apiRefuses(),
      );
      return { diagnostic };
    }
    const name = fingerLabel(number) ?? '';
    if (present.has(target)) {
      diagnostic.message = l10n.t(
        '{0} names "{1}" ({2}), which is already set: keys are case-sensitive, "Finger-1" to "Finger-10". {3}',
        quote(key),
        target,
        name,
        apiRefuses(),
      );
      return { diagnostic };
    }
    diagnostic.message = l10n.t(
      '{0} is spelt "{1}" ({2}): finger keys are case-sensitive, "Finger-1" to "Finger-10". {3}',
      quote(key),
      target,
      name,
      apiRefuses(),
    );
    const fix = renameKeyFix(property, target);
    if (fix !== undefined) diagnostic.fix = fix;
    return { diagnostic, meant: target };
  },
  check(node: Node, path: JsonPath, ctx: ValidationContext, facts?: ObjectFacts) {
    if (facts === undefined || facts.keys.size > 0) return;
    ctx.report(
      {
        severity: 'error',
        code: 'fingers-empty',
        message: l10n.t(
          '{0} holds no finger image: add "Finger-1" to "Finger-10" keys, or remove Fingers. {1}',
          describePath(path),
          apiRefuses(),
        ),
        ...rangeOf(node),
      },
      path,
    );
  },
};

export const PERSON_RULES: RuleTable = {
  Person: person,
  'Person/CustomID': customId,
  'Person/Face': exactlyOne(() => l10n.t('{0} (one face per person)', '[ { "Face-1": "<base64>" } ]'), false),
  'Person/Face/*': faceObject,
  'Person/Fingers': exactlyOne(
    () => l10n.t('{0} holding every finger', '[ { "Finger-1": "<base64>", "Finger-2": "<base64>" } ]'),
    true,
  ),
  'Person/Fingers/*': fingersObject,
};
