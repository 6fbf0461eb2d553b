import { posix } from 'node:path';
import { findNodeAtLocation, findNodeAtOffset, type Node } from 'jsonc-parser';

import vscode = require('vscode');

import { detectImageKind, IMAGE_FILE_EXTENSIONS } from '../core/images/kind';
import type { RequestDiagnostic } from '../core/validate/validateRequest';
import { DIAGNOSTIC_SOURCE, toRange } from './diagnostics';
import { isRequestDocument } from './requestFiles';
import type { RequestValidation } from './requestValidation';
import { hasFilePath } from './requestValidation';

const MIN_IMAGE_LENGTH = 64;

function overlaps(range: vscode.Range, finding: vscode.Range): boolean {
  return range.intersection(finding) !== undefined;
}

/** The property key of the string node, e.g. `Face-1`. */
function keyOf(node: Node): string | undefined {
  const property = node.parent;
  return property?.type === 'property' ? (property.children?.[0]?.value as string | undefined) : undefined;
}

/**
 * Quick fixes: every fix the validator proposes (strip a data: prefix, rename a misspelt key to
 * its suggestion, remove what delete cannot carry, …), attached to the diagnostic it repairs,
 * whoever published it; plus adding a missing CustomID, and moving an inline base64 image out
 * into a file next to the request (a `$file` reference takes its place) and back.
 */
export class RequestCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
  };

  constructor(private readonly validation: RequestValidation) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (!isRequestDocument(document)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.validation.validate(document).diagnostics) {
      const findingRange = toRange(document, finding.offset, finding.length);
      if (!overlaps(range, findingRange)) continue;
      const action = this.validatorFix(document, finding, findingRange, context);
      if (action) actions.push(action);
      if (finding.code === 'missing-key' && finding.message.includes('"CustomID"')) {
        const add = this.addCustomId(document, findingRange, context);
        if (add) actions.push(add);
      }
    }
    actions.push(...(await this.imageFileActions(document, range)));
    return actions;
  }

  private validatorFix(
    document: vscode.TextDocument,
    finding: RequestDiagnostic,
    findingRange: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction | undefined {
    if (!finding.fix) return undefined;
    const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of finding.fix.edits)
      action.edit.replace(document.uri, toRange(document, edit.offset, edit.length), edit.newText);
    // Ours, or VS Code's schema diagnostic on the same spot: the fix repairs either.
    action.diagnostics = context.diagnostics.filter(
      (diagnostic) =>
        (diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.code === finding.code) ||
        diagnostic.range.intersection(findingRange),
    );
    action.isPreferred = finding.fix.edits.length > 0;
    return action;
  }

  private addCustomId(
    document: vscode.TextDocument,
    findingRange: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction | undefined {
    const root = this.validation.tree(document);
    const person = root ? findNodeAtLocation(root, ['Person']) : undefined;
    if (person?.type !== 'object') return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Add "CustomID"'), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    const hasProperties = (person.children?.length ?? 0) > 0;
    action.edit.insert(
      document.uri,
      document.positionAt(person.offset + 1),
      `"CustomID": ""${hasProperties ? ',' : ''}`,
    );
    action.diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.range.intersection(findingRange));
    action.isPreferred = true;
    return action;
  }

  /** Move an inline image out to a file, or bring a `$file` back inline as base64. */
  private async imageFileActions(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
    if (!hasFilePath(document) || document.uri.scheme !== 'file') return [];
    const root = this.validation.tree(document);
    const node = root ? findNodeAtOffset(root, document.offsetAt(range.start)) : undefined;
    if (node?.type !== 'string' || typeof node.value !== 'string') return [];
    const nodeRange = toRange(document, node.offset, node.length);
    const folder = vscode.Uri.joinPath(document.uri, '..');

    if (keyOf(node) === '$file') {
      const objectNode = node.parent?.parent;
      if (objectNode?.type !== 'object') return [];
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, node.value));
      } catch {
        return [];
      }
      const action = new vscode.CodeAction(
        vscode.l10n.t('Inline the image as base64'),
        vscode.CodeActionKind.RefactorRewrite,
      );
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(
        document.uri,
        toRange(document, objectNode.offset, objectNode.length),
        JSON.stringify(Buffer.from(bytes).toString('base64')),
      );
      return [action];
    }

    if (node.value.length < MIN_IMAGE_LENGTH) return [];
    const payload = node.value.replace(/^data:[^,]*,/, '');
    const bytes = Buffer.from(payload, 'base64');
    const kind = detectImageKind(bytes);
    if (!kind) return [];
    const stem = posix.basename(document.uri.path).replace(/(\.[a-z_]+)?\.biopass\.json$|\.json$/i, '');
    const field = (keyOf(node) ?? 'image').toLowerCase();
    const target = await imageFile(folder, `${stem}.${field}`, IMAGE_FILE_EXTENSIONS[kind].slice(1), bytes);
    if (!target) return [];
    const action = new vscode.CodeAction(
      vscode.l10n.t('Move the image to ./{0}', target.name),
      vscode.CodeActionKind.RefactorRewrite,
    );
    action.edit = new vscode.WorkspaceEdit();
    if (!target.holdsImage) {
      action.edit.createFile(vscode.Uri.joinPath(folder, target.name), {
        contents: bytes,
        overwrite: false,
        ignoreIfExists: false,
      });
    }
    action.edit.replace(document.uri, nodeRange, `{ "$file": ${JSON.stringify(`./${target.name}`)} }`);
    return [action];
  }
}

/**
 * Where a moved image goes: `<base>.<extension>`, or `<base>-2.<extension>`, … when that name is
 * taken by other bytes (never overwritten); a file already holding exactly these bytes (moved out
 * before, then inlined back) is reused.
 */
async function imageFile(
  folder: vscode.Uri,
  base: string,
  extension: string,
  bytes: Buffer,
): Promise<{ name: string; holdsImage: boolean } | undefined> {
  for (let n = 1; n <= 100; n++) {
    const name = `${base}${n === 1 ? '' : `-${n}`}.${extension}`;
    const uri = vscode.Uri.joinPath(folder, name);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      return { name, holdsImage: false };
    }
    if (stat.type === vscode.FileType.File && stat.size === bytes.length) {
      const existing = await vscode.workspace.fs.readFile(uri).then(
        (read) => read,
        () => undefined,
      );
      if (existing && Buffer.from(existing).equals(bytes)) return { name, holdsImage: true };
    }
  }
  return undefined;
}
