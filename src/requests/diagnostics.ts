import vscode = require('vscode');

import type { DiagnosticCode, RequestDiagnostic } from '../core/validate/validateRequest';
import { isRequestDocument } from './requestFiles';
import type { RequestValidation } from './requestValidation';

export const DIAGNOSTIC_SOURCE = 'BioPass ID';
const DEBOUNCE_MS = 250;

/**
 * What VS Code's own JSON schema validation already reports for request files (it runs our
 * shipped schemas): syntax, unknown and missing keys, types, enums, string and array limits.
 * We do not publish these twice; their quick fixes are still offered (codeActions.ts).
 */
export const REPORTED_BY_SCHEMA: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'syntax-error',
  'comment',
  'trailing-comma',
  'unknown-key',
  'missing-key',
  'wrong-type',
  'invalid-enum',
  'schema-constraint',
  'base64-empty',
  'customid-empty',
  'customid-blank',
  'customid-control-character',
  'customid-non-ascii',
  'customid-too-long',
  'biometric-array-length',
  'fingers-empty',
  'unknown-face-key',
  'unknown-finger-key',
]);

const SEVERITY: Record<RequestDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

export function toDiagnostic(document: vscode.TextDocument, finding: RequestDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(document, finding.offset, finding.length),
    finding.message,
    SEVERITY[finding.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

/**
 * The validator's findings in the Problems panel through one DiagnosticCollection: on open,
 * debounced on change, cleared on close.
 */
export class RequestDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('biopassid');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly validation: RequestValidation) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => void this.refresh(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.refresh(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document)),
    ];
    for (const document of vscode.workspace.textDocuments) void this.refresh(document);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, DEBOUNCE_MS),
    );
  }

  /** Validates now; returns the published diagnostics (tests and sending use this). */
  async refresh(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    if (!isRequestDocument(document)) {
      this.collection.delete(document.uri);
      return [];
    }
    const version = document.version;
    const result = this.validation.validate(document);
    const onDisk = await this.validation.checkFiles(document, result);
    if (document.isClosed || document.version !== version) return [];
    const diagnostics = [...result.diagnostics, ...onDisk]
      .filter((finding) => !REPORTED_BY_SCHEMA.has(finding.code))
      .map((finding) => toDiagnostic(document, finding));
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  private clear(document: vscode.TextDocument): void {
    clearTimeout(this.timers.get(document.uri.toString()));
    this.timers.delete(document.uri.toString());
    this.collection.delete(document.uri);
    this.validation.forget(document);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
