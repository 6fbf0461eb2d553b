import { dirname } from 'node:path';
import type { Node } from 'jsonc-parser';

import vscode = require('vscode');

import type { Config } from '../config';
import { checkFileReferences } from '../core/request/fileReferences';
import {
  parseJsonTree,
  type RequestDiagnostic,
  type ValidationResult,
  validateRequest,
} from '../core/validate/validateRequest';
import { pinnedOperation } from './requestDocuments';

/**
 * Validation results per document version, shared by diagnostics, code actions, CodeLens and
 * hovers so a large request is parsed once per edit, not once per feature.
 */
export class RequestValidation {
  private readonly cache = new Map<string, { version: number; result: ValidationResult }>();
  /** The tree of one document version, the last asked for: quick fixes are asked for at every cursor move. */
  private lastTree: { uri: string; version: number; root: Node | undefined } | undefined;

  constructor(private readonly config: Config) {}

  validate(document: vscode.TextDocument): ValidationResult {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.result;
    const operation = pinnedOperation(document);
    const result = validateRequest(document.getText(), {
      ...(operation ? { operation } : {}),
      maxImageBytes: this.config.maxImageBytes,
    });
    this.cache.set(key, { version: document.version, result });
    return result;
  }

  /** The JSON tree of the document (jsonc-parser's, comments allowed), built once per version. */
  tree(document: vscode.TextDocument): Node | undefined {
    const uri = document.uri.toString();
    if (this.lastTree?.uri !== uri || this.lastTree.version !== document.version) {
      this.lastTree = { uri, version: document.version, root: parseJsonTree(document.getText()) };
    }
    return this.lastTree.root;
  }

  /** The `$file` references of the document, checked on disk; none for documents without a path. */
  async checkFiles(document: vscode.TextDocument, result: ValidationResult): Promise<RequestDiagnostic[]> {
    if (result.fileReferences.length === 0 || !hasFilePath(document)) return [];
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return checkFileReferences(result.fileReferences, {
      requestPath: document.uri.fsPath,
      allowedRoot: folder?.uri.fsPath ?? dirname(document.uri.fsPath),
      maxImageBytes: this.config.maxImageBytes,
    });
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
    if (this.lastTree?.uri === document.uri.toString()) this.lastTree = undefined;
  }
}

/** Saved files and untitled files created with a path (New Request…) have a folder to resolve from. */
export function hasFilePath(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' || (document.uri.scheme === 'untitled' && document.uri.path.includes('/'));
}
