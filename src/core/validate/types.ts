import type { ImageRole } from '../contract/images';
import type { Envelope, OperationId } from '../contract/operations';

/** A replacement of `length` characters at `offset` (UTF-16 units of the validated text). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export type Severity = 'error' | 'warning' | 'info';

/** Every diagnostic code the validator emits; editors and tests key on these, so they never change. */
export type DiagnosticCode =
  // JSON text
  | 'empty-document'
  | 'syntax-error'
  | 'comment'
  | 'trailing-comma'
  | 'bom'
  | 'duplicate-key'
  // envelope (top-level key)
  | 'not-an-object'
  | 'missing-envelope'
  | 'unknown-envelope'
  | 'multiple-envelopes'
  | 'envelope-mismatch'
  // shape
  | 'unknown-key'
  | 'missing-key'
  | 'wrong-type'
  | 'invalid-enum'
  | 'schema-constraint'
  // base64 and images
  | 'base64-empty'
  | 'base64-data-uri'
  | 'base64-alphabet'
  | 'base64-padding'
  | 'base64-length'
  | 'image-not-an-image'
  | 'image-unexpected-kind'
  | 'image-too-large'
  | 'image-header-unreadable'
  | 'image-too-small'
  | 'image-oversized'
  | 'file-reference-empty'
  // `$file` checked on disk (src/core/request/fileReferences.ts)
  | 'file-reference-unusable'
  | 'file-reference-not-an-image'
  | 'file-reference-unexpected-kind'
  | 'file-reference-truncated'
  | 'file-reference-malformed'
  // Person envelope
  | 'missing-biometric'
  | 'unknown-face-key'
  | 'unknown-finger-key'
  | 'biometric-array-length'
  | 'fingers-empty'
  | 'customid-empty'
  | 'customid-blank'
  | 'customid-control-character'
  | 'customid-non-ascii'
  | 'customid-too-long'
  | 'customid-whitespace'
  | 'delete-extra-property';

export interface RequestDiagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  offset: number;
  length: number;
  fix?: Fix;
}

export type JsonPath = (string | number)[];

/** A `{ "$file": "./face.jpg" }` found in an image field; the editor checks the file on disk. */
export interface FileReferenceLocation {
  /** The path as written (JSON escapes decoded), relative to the request file. */
  path: string;
  /** Range of the path text inside its quotes, for a document link. */
  offset: number;
  length: number;
  /** What the image field takes; `faceOrFinger` when the candidate operations disagree (face and finger). */
  role: ImageRole;
  /** Where the image goes in the body, e.g. `["Person", "Face", 0, "Face-1"]`. */
  jsonPath: JsonPath;
}

export interface ValidationResult {
  diagnostics: RequestDiagnostic[];
  /** The envelope the top-level key names; undefined when it is missing or misspelt. */
  envelope?: Envelope;
  /** The operations the body was checked against: the one asked for, or every fitting one of its envelope. */
  operations: OperationId[];
  fileReferences: FileReferenceLocation[];
}

export interface ValidateOptions {
  /** Check against this operation only; without it, only what holds for every candidate is checked. */
  operation?: OperationId;
  /** Decoded size above which an image is refused before sending. */
  maxImageBytes?: number;
}
