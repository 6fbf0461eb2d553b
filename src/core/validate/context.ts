import type { OperationId } from '../contract/operations';
import type { FileReferenceLocation, JsonPath, RequestDiagnostic } from './types';

const SEPARATOR = '\u0000';

function pathKey(path: JsonPath): string {
  return path.join(SEPARATOR);
}

/**
 * What the checks share while walking one document: where diagnostics go, the operations the body
 * is checked against, and which paths our own checks cover, so zod's issues on the same fields
 * are not reported a second time.
 */
export class ValidationContext {
  readonly diagnostics: RequestDiagnostic[] = [];
  readonly fileReferences: FileReferenceLocation[] = [];
  private readonly owned = new Set<string>();
  private readonly errorPaths: string[] = [];

  constructor(
    readonly text: string,
    readonly operations: readonly OperationId[],
    readonly maxImageBytes: number,
  ) {}

  /** Records a diagnostic; `path` is the field it is about, when it is about one. */
  report(diagnostic: RequestDiagnostic, path?: JsonPath): void {
    this.diagnostics.push(diagnostic);
    if (path !== undefined && diagnostic.severity === 'error') this.errorPaths.push(pathKey(path));
  }

  /** Declares that our checks fully cover the value at `path`: zod's issues there add nothing. */
  own(path: JsonPath): void {
    this.owned.add(pathKey(path));
  }

  /** Whether an issue at `path` is already covered: owned, or at or under a reported error. */
  covers(path: JsonPath): boolean {
    const key = pathKey(path);
    if (this.owned.has(key)) return true;
    return this.errorPaths.some(
      (errorKey) =>
        key === errorKey || errorKey === '' || (key.startsWith(errorKey) && key[errorKey.length] === SEPARATOR),
    );
  }
}
