import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from '../../support/extension';
import { ScratchFolder } from '../../support/workbench';

/** The source our DiagnosticCollection stamps on every diagnostic (src/requests/diagnostics.ts). */
export const OUR_SOURCE = 'BioPass ID';

/** Long enough for the JSON language server to start and validate on a loaded 2-core machine. */
const DIAGNOSTICS_TIMEOUT_MS = 15_000;

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === OUR_SOURCE);
}

/** What VS Code's own JSON validation (our shipped schemas) reports: everything not ours. */
export function schemaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source !== OUR_SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const { code } = diagnostic;
  return typeof code === 'object' ? code.value : code;
}

function describeDiagnostics(uri: vscode.Uri): string {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => `[${d.source ?? 'no source'}] ${String(codeOf(d))} ${formatRange(d.range)}: ${d.message}`)
    .join('\n  ');
}

export function formatRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/**
 * Waits until check() accepts the diagnostics of uri: re-checked on every
 * languages.onDidChangeDiagnostics naming uri, failing after a deadline with what was there.
 */
export function waitForDiagnostics<T>(
  uri: vscode.Uri,
  what: string,
  check: (all: readonly vscode.Diagnostic[]) => T | undefined,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      subscription.dispose();
      outcome();
    };
    const evaluate = () => {
      let value: T | undefined;
      try {
        value = check(vscode.languages.getDiagnostics(uri));
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value !== undefined) finish(() => resolve(value as T));
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) evaluate();
    });
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${what}; diagnostics of ${uri.path}:\n  ${describeDiagnostics(uri)}`,
            ),
          ),
        ),
      timeoutMs,
    );
    evaluate();
  });
}

/**
 * Asks again (every 200 ms) until produce() returns a value, failing after a deadline: for answers
 * of VS Code's JSON language server, which starts in its own process and may not be ready yet.
 */
export async function pollUntil<T>(
  what: string,
  produce: () => Promise<T | undefined>,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await produce();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until our diagnostics of uri include one with this code, and returns it. */
export function waitForOurCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return waitForDiagnostics(uri, `a "${OUR_SOURCE}" diagnostic ${code}`, (all) =>
    all.find((diagnostic) => diagnostic.source === OUR_SOURCE && codeOf(diagnostic) === code),
  );
}

/** The range of the first occurrence of needle in the document (after `from`, when given). */
export function rangeOf(document: vscode.TextDocument, needle: string, from = 0): vscode.Range {
  const offset = document.getText().indexOf(needle, from);
  assert.notEqual(offset, -1, `"${needle.slice(0, 60)}" is not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

/** A position `delta` characters into the first occurrence of needle. */
export function positionIn(document: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  return rangeOf(document, needle).start.translate(0, delta);
}

export function assertRange(actual: vscode.Range, expected: vscode.Range, what: string): void {
  assert.equal(formatRange(actual), formatRange(expected), `range of ${what}`);
}

/**
 * Opens a file in an editor the way a person does (Explorer, Quick Open): through the editor
 * service, so the extension host holds no extra reference and closing the tab closes the document.
 */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('vscode.open', uri);
  return waitFor(`an editor showing ${uri.path}`, () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.toString() === uri.toString() ? editor : undefined;
  });
}

/**
 * Closes every editor without a save prompt: dirty editors (edited by a test, untitled requests)
 * are reverted first, since a save dialog would block the run.
 */
export async function closeAllEditors(): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const dirty = vscode.workspace.textDocuments.find(
      (document) => document.isDirty && tabOf(document.uri) !== undefined,
    );
    if (!dirty) break;
    await vscode.window.showTextDocument(dirty);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function tabOf(uri: vscode.Uri): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}

/** Text of a JSON request, pretty-printed with two spaces like the snippets. */
export function requestText(body: unknown): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

export const encoder = new TextEncoder();

/** The longest run of base64 alphabet characters in text (an image pasted into code would be thousands). */
export function longestBase64Run(text: string): number {
  return Math.max(0, ...(text.match(/[A-Za-z0-9+/=]+/g) ?? []).map((run) => run.length));
}

/**
 * The scratch folder a suite of request-file tests works in: the extension is activated and the
 * folder created before each test; editors are closed and the folder deleted after it.
 */
export function useRequestFolder(): {
  readonly folder: ScratchFolder;
  open(name: string, text: string): Promise<vscode.TextDocument>;
} {
  let current: ScratchFolder | undefined;
  beforeEach(async () => {
    await activateExtension();
    current = await ScratchFolder.create();
  });
  afterEach(async () => {
    await closeAllEditors();
    await current?.delete();
  });
  const folder = (): ScratchFolder => {
    if (!current) throw new Error('useRequestFolder: the folder exists only inside a test');
    return current;
  };
  return {
    get folder() {
      return folder();
    },
    async open(name, text) {
      return (await openInEditor(await folder().write(name, encoder.encode(text)))).document;
    },
  };
}
