import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { structureProblem } from '../images/integrity';
import { detectImageKind } from '../images/kind';
import { type ImageInfo, readImageFile, toBase64 } from '../images/read';
import { l10n } from '../l10n';

/**
 * Turns a request as written in a file into the body sent on the wire: `{ "$file": "./face.jpg" }`
 * references are read and base64-encoded (only now, never written back), and the editor-only
 * `$schema` and `$comment` keys are dropped.
 */
export interface PrepareOptions {
  /** Folder that relative `$file` paths start from: the request file's folder. */
  baseDir: string;
  /**
   * A `$file` that resolves outside this folder (symlinks followed) is refused: the workspace
   * folder in the editor, the working directory or `--root` in the CLI. Required, so that no
   * caller can send a file a cloned request names from elsewhere on the machine.
   */
  allowedRoot: string;
  maxImageBytes?: number;
}

export class RequestPreparationError extends Error {
  constructor(
    message: string,
    readonly jsonPath: (string | number)[],
  ) {
    super(message);
    this.name = 'RequestPreparationError';
  }
}

export interface PreparedRequest {
  body: unknown;
  /** Absolute paths of the files that were read, for the log. */
  files: string[];
}

/** `{ "$file": "<path>" }`, and nothing else in the object. */
export function isFileReference(value: unknown): value is { $file: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { $file?: unknown }).$file === 'string'
  );
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Reads the image a `$file` reference names, relative to options.baseDir and only inside
 * options.allowedRoot (symlinks followed). The file read is the resolved one, so a link changed
 * after the check is not followed again. Errors name the field.
 */
export async function readReferencedImage(
  reference: string,
  jsonPath: (string | number)[],
  options: PrepareOptions,
): Promise<ImageInfo> {
  const where = jsonPath.join('.');
  const prefix = where ? `${where}: ` : '';
  if (reference.trim() === '') throw new RequestPreparationError(`${prefix}${l10n.t('"$file" is empty')}`, jsonPath);
  const path = resolve(options.baseDir, reference);
  const [root, target] = await Promise.all([
    realpath(options.allowedRoot).catch(() => resolve(options.allowedRoot)),
    realpath(path).catch(() => path),
  ]);
  if (!isInside(root, target)) {
    throw new RequestPreparationError(
      `${prefix}${l10n.t('"{0}" resolves outside the workspace folder; only files inside it are sent', reference)}`,
      jsonPath,
    );
  }
  try {
    const image = await readImageFile(
      target,
      options.maxImageBytes === undefined ? {} : { maxBytes: options.maxImageBytes },
    );
    // Messages and the log name the file as the request does, not where its links lead.
    return target === path ? image : { ...image, path };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RequestPreparationError(`${prefix}${message.split(target).join(path)}`, jsonPath);
  }
}

/**
 * Refuses an image that is cut short or malformed before it is sent: `$file` images and inline
 * base64 alike (the validator checks inline images only by a prefix, to stay fast on every
 * keystroke; here, once per send, the whole image is walked). A string whose first bytes are no
 * image kind (a template, a CustomID) is left alone.
 */
function checkStructure(name: string, bytes: Uint8Array, jsonPath: (string | number)[]): void {
  const kind = detectImageKind(bytes);
  const problem = kind === undefined ? undefined : structureProblem(name, bytes, kind);
  if (problem) throw new RequestPreparationError(problem.message, jsonPath);
}

/** Inline base64 long enough to hold an image: its first bytes tell the kind before decoding it all. */
function checkInlineImage(text: string, jsonPath: (string | number)[]): void {
  if (text.length < 16 || detectImageKind(Buffer.from(text.slice(0, 16), 'base64')) === undefined) return;
  checkStructure(jsonPath.join('.'), Buffer.from(text, 'base64'), jsonPath);
}

export async function prepareWireBody(value: unknown, options: PrepareOptions): Promise<PreparedRequest> {
  const files: string[] = [];
  const walk = async (node: unknown, jsonPath: (string | number)[]): Promise<unknown> => {
    if (isFileReference(node)) {
      const image = await readReferencedImage(node.$file, jsonPath, options);
      const where = jsonPath.join('.');
      checkStructure(where ? `${where}: ${node.$file}` : node.$file, image.bytes, jsonPath);
      files.push(image.path);
      return toBase64(image.bytes);
    }
    if (typeof node === 'string') {
      checkInlineImage(node, jsonPath);
      return node;
    }
    if (Array.isArray(node)) {
      const items: unknown[] = [];
      for (const [index, item] of node.entries()) items.push(await walk(item, [...jsonPath, index]));
      return items;
    }
    if (node !== null && typeof node === 'object') {
      const entries: [string, unknown][] = [];
      for (const [key, item] of Object.entries(node)) {
        if (jsonPath.length === 0 && (key === '$schema' || key === '$comment')) continue;
        entries.push([key, await walk(item, [...jsonPath, key])]);
      }
      return Object.fromEntries(entries);
    }
    return node;
  };
  return { body: await walk(value, []), files };
}
