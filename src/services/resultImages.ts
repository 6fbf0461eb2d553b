import vscode = require('vscode');

export const RESULT_SCHEME = 'biopassid-result';
const MAX_KEPT = 20;

/**
 * Images the API returns (anonymized, ICAO-cropped, WSQ-decoded) shown in an editor tab without
 * being written to disk: a read-only in-memory file system. Only the latest few are kept.
 */
export class ResultImages implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  /** Tells apart results added in the same millisecond (same-named images of one multi-image run). */
  private added = 0;
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  add(name: string, bytes: Uint8Array): vscode.Uri {
    this.added += 1;
    const folder = `${Date.now().toString(36)}-${this.added.toString(36)}`;
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${folder}/${name}` });
    this.files.set(uri.path, { bytes, mtime: Date.now() });
    while (this.files.size > MAX_KEPT) this.files.delete(this.files.keys().next().value as string);
    return uri;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) {
      return {
        type: vscode.FileType.File,
        ctime: file.mtime,
        mtime: file.mtime,
        size: file.bytes.length,
        permissions: vscode.FilePermission.Readonly,
      };
    }
    const isFolder = [...this.files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`));
    if (isFolder || uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.bytes;
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}
