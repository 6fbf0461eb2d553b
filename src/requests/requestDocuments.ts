import vscode = require('vscode');

import { isOperationId, type OperationId } from '../core/contract/operations';
import { operationFromFileName } from '../core/request/fileName';
import { schemaReference } from './requestFiles';

/** The operation a request document pins by its name (`alice.enroll.biopass.json`) or `$schema`. */
export function pinnedOperation(document: vscode.TextDocument): OperationId | undefined {
  const fromName = operationFromFileName(document.uri.path);
  if (fromName) return fromName;
  const fromSchema = schemaReference(document)?.[1];
  return isOperationId(fromSchema) ? fromSchema : undefined;
}

export const REQUEST_SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
