import { dirname } from 'node:path';
import { findNodeAtOffset, type Node } from 'jsonc-parser';

import vscode = require('vscode');

import { readImageDimensions } from '../core/images/dimensions';
import { detectImageKind } from '../core/images/kind';
import { formatSize } from '../core/redact';
import { parseJsonTree } from '../core/validate/validateRequest';
import { isRequestDocument } from './requestFiles';

/** Strings shorter than this are not images worth describing. */
const MIN_BASE64_LENGTH = 64;
/** Thumbnails are inlined as data: URIs; above this an image is described without one. */
const MAX_THUMBNAIL_BYTES = 512 * 1024;

function describe(bytes: Uint8Array, origin: string): vscode.MarkdownString {
  const kind = detectImageKind(bytes);
  const size = readImageDimensions(bytes);
  const markdown = new MarkdownBuilder();
  markdown.line(
    `**${kind ? kind.toUpperCase() : vscode.l10n.t('Not an image')}**${size ? ` · ${size.width}×${size.height} px` : ''} · ${formatSize(bytes.length)} · ${origin}`,
  );
  if ((kind === 'jpeg' || kind === 'png') && bytes.length <= MAX_THUMBNAIL_BYTES) {
    const mime = kind === 'jpeg' ? 'image/jpeg' : 'image/png';
    markdown.line(`![thumbnail](data:${mime};base64,${Buffer.from(bytes).toString('base64')}|height=128)`);
  }
  return markdown.value;
}

class MarkdownBuilder {
  readonly value = new vscode.MarkdownString();
  line(text: string): void {
    this.value.appendMarkdown(`${text}\n\n`);
  }
}

/** Hover on a base64 image or a `$file` reference: thumbnail, kind, dimensions and bytes. */
export class ImageHover implements vscode.HoverProvider {
  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isRequestDocument(document)) return undefined;
    const root = parseJsonTree(document.getText());
    const node = root ? findNodeAtOffset(root, document.offsetAt(position)) : undefined;
    if (node?.type !== 'string' || typeof node.value !== 'string') return undefined;
    const range = new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
    if (isFileReferenceValue(node)) {
      const base = document.uri.scheme === 'file' ? dirname(document.uri.fsPath) : undefined;
      if (!base) return undefined;
      const uri = vscode.Uri.file(`${base}/${node.value}`);
      try {
        return new vscode.Hover(describe(await vscode.workspace.fs.readFile(uri), node.value), range);
      } catch {
        return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('`{0}` cannot be read.', node.value)), range);
      }
    }
    if (node.value.length < MIN_BASE64_LENGTH) return undefined;
    const bytes = Buffer.from(node.value.replace(/^data:[^,]*,/, ''), 'base64');
    if (!detectImageKind(bytes)) return undefined;
    return new vscode.Hover(describe(bytes, vscode.l10n.t('inline base64')), range);
  }
}

function isFileReferenceValue(node: Node): boolean {
  const property = node.parent;
  return property?.type === 'property' && property.children?.[0]?.value === '$file' && property.children[1] === node;
}
