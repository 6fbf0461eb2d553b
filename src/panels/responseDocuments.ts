import vscode = require('vscode');

export const RESPONSE_SCHEME = 'biopassid-response';
const MAX_KEPT = 20;

/**
 * "Open Response as JSON": read-only virtual documents (a content provider's documents cannot be
 * edited), JSON by their name, so folding, search and the outline work. They hold the response
 * with its images as descriptors only, never an image; the latest few are kept.
 */
export class ResponseDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private added = 0;

  /** Keeps a text and returns the path of its document. */
  add(name: string, text: string): string {
    this.added += 1;
    const path = `/${this.added}/${name}`;
    this.texts.set(path, text);
    while (this.texts.size > MAX_KEPT) this.texts.delete(this.texts.keys().next().value as string);
    return path;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.texts.get(uri.path) ?? `// ${vscode.l10n.t('This response is no longer held: send the request again.')}\n`
    );
  }
}
