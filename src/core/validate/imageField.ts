import type { Node } from 'jsonc-parser';
import type * as z from 'zod';
import type { ImageRole } from '../contract/images';
import { l10n } from '../l10n';
import type { ValidationContext } from './context';
import { checkBase64Image } from './imageData';
import { expectationOf, type ImageExpectation } from './imageExpectation';
import { describePath, propertyKey, propertyValue } from './jsonText';
import { apiRefuses } from './messages';
import { fileReferenceOption, shapeOf, viewOf } from './schema';
import { missingKey, unknownKey, wrongType } from './shapeDiagnostics';
import type { JsonPath } from './types';

/** A base64 field holds either the base64 text or, in a request file, `{ "$file": "./face.jpg" }`. */
export function checkImageField(
  node: Node,
  roles: readonly ImageRole[],
  schemas: readonly z.ZodType[],
  path: JsonPath,
  ctx: ValidationContext,
): void {
  const expectation = expectationOf(roles);
  const referenceSchemas = schemas.flatMap((schema) => {
    const option = fileReferenceOption(schema);
    return option === undefined ? [] : [option];
  });
  if (node.type === 'string') {
    checkBase64Image(node, expectation, path, ctx);
    return;
  }
  const reference = referenceSchemas[0];
  if (node.type === 'object' && reference !== undefined) {
    checkFileReference(node, Object.keys(shapeOf(viewOf(reference))), expectation, path, ctx);
    return;
  }
  const detail =
    reference === undefined
      ? l10n.t('the base64 text of {0}', expectation.labelWithArticle)
      : l10n.t('the base64 text of {0}, or {1}', expectation.labelWithArticle, '{ "$file": "./image" }');
  // No fix: quoting a number does not make it an image.
  ctx.report(wrongType(ctx.text, node, path, 'string', detail, false), path);
}

function checkFileReference(
  node: Node,
  known: string[],
  expectation: ImageExpectation,
  path: JsonPath,
  ctx: ValidationContext,
): void {
  const present = new Set<string>();
  for (const property of node.children ?? []) {
    const key = propertyKey(property)?.value;
    if (typeof key === 'string') present.add(key);
  }
  let found = false;
  for (const property of node.children ?? []) {
    const key = propertyKey(property)?.value;
    if (typeof key !== 'string') continue;
    let misspelt = false;
    if (key !== '$file') {
      const verdict = unknownKey(property, key, path, known, present);
      ctx.report(verdict.diagnostic, [...path, key]);
      if (verdict.meant !== '$file') continue;
      misspelt = true;
    }
    found = true;
    const value = propertyValue(property);
    if (value === undefined) continue;
    if (value.type !== 'string' || typeof value.value !== 'string') {
      ctx.report(wrongType(ctx.text, value, [...path, key], 'string', l10n.t('a file path in a string')), [
        ...path,
        key,
      ]);
      continue;
    }
    if (value.value.trim() === '') {
      ctx.report(
        {
          severity: 'error',
          code: 'file-reference-empty',
          message: l10n.t(
            '{0} is empty: give the path of the {1}, relative to this request file (e.g. "./face.jpg"). Nothing can be sent until it names a file.',
            describePath([...path, key]),
            expectation.label,
          ),
          offset: value.offset,
          length: value.length,
        },
        [...path, key],
      );
      continue;
    }
    // A misspelt "$file" is not read when sending: the editor need not look for the file yet.
    if (misspelt) continue;
    ctx.fileReferences.push({
      path: value.value,
      offset: value.offset + 1,
      length: Math.max(0, value.length - 2),
      role: expectation.role,
      jsonPath: path,
    });
  }
  if (!found) {
    const diagnostic = missingKey(node, path, '$file');
    diagnostic.message = l10n.t(
      '{0} is an object but has no "$file": an image field holds base64 text or {1}. {2}',
      describePath(path),
      '{ "$file": "./image" }',
      apiRefuses(),
    );
    ctx.report(diagnostic, [...path, '$file']);
  }
}
