import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_MAX_IMAGE_BYTES } from '../contract/choices';
import { formatSize } from '../redact';
import { type ImageDimensions, readImageDimensions } from './dimensions';
import { detectImageKind, type ImageKind } from './kind';

// The limit is one of the documented choices where the contract is silent.
export { DEFAULT_MAX_IMAGE_BYTES };

export interface ImageInfo {
  path: string;
  bytes: Buffer;
  /** undefined when the bytes are none of the formats the API takes. */
  kind: ImageKind | undefined;
  byteLength: number;
  /** Present when the header could be read. */
  dimensions?: ImageDimensions;
}

export type ImageReadErrorCode = 'not-found' | 'not-a-file' | 'empty' | 'too-large' | 'unreadable';

export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';

  constructor(
    readonly code: ImageReadErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ReadImageOptions {
  /** Files larger than this are refused before being read. Defaults to DEFAULT_MAX_IMAGE_BYTES. */
  maxBytes?: number;
}

function describeBytes(byteCount: number): string {
  // The exact count matters near the limit, where both sides would round to the same "10.0 MB".
  return `${formatSize(byteCount)} (${byteCount} bytes)`;
}

function tooLarge(path: string, size: number, maxBytes: number): ImageReadError {
  return new ImageReadError(
    'too-large',
    path,
    `Image ${path} is ${describeBytes(size)}, over the ${describeBytes(maxBytes)} limit for an image.`,
  );
}

function fromSystemError(path: string, error: unknown): ImageReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ImageReadError('not-found', path, `Image ${path} does not exist.`, { cause: error });
  }
  if (code === 'EISDIR') {
    return new ImageReadError('not-a-file', path, `Image ${path} is a directory, not a file.`, { cause: error });
  }
  if (code === 'ELOOP') {
    return new ImageReadError(
      'unreadable',
      path,
      `Image ${path} is a symbolic link loop (too many levels of symbolic links).`,
      { cause: error },
    );
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(error);
  return new ImageReadError('unreadable', path, `Image ${path} cannot be read: ${reason}.`, { cause: error });
}

/**
 * Reads an image file for sending, with an ImageReadError (a code and a message that names the
 * file) for every way that can go wrong. The size is checked before reading so an oversized
 * file is never loaded into memory.
 */
export async function readImageFile(path: string, options: ReadImageOptions = {}): Promise<ImageInfo> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  if (!(maxBytes > 0)) throw new RangeError('maxBytes must be a positive number');
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(path);
  } catch (error) {
    throw fromSystemError(path, error);
  }
  if (!stats.isFile()) {
    const what = stats.isDirectory() ? 'a directory' : 'not a regular file';
    throw new ImageReadError('not-a-file', path, `Image ${path} is ${what}, not an image file.`);
  }
  if (stats.size === 0) throw new ImageReadError('empty', path, `Image ${path} is empty (0 bytes).`);
  if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes);

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fromSystemError(path, error);
  }
  // The file may have changed between stat and read.
  if (bytes.length === 0) throw new ImageReadError('empty', path, `Image ${path} is empty (0 bytes).`);
  if (bytes.length > maxBytes) throw tooLarge(path, bytes.length, maxBytes);

  const info: ImageInfo = { path, bytes, kind: detectImageKind(bytes), byteLength: bytes.length };
  const dimensions = readImageDimensions(bytes);
  if (dimensions) info.dimensions = dimensions;
  return info;
}

/** Raw base64, with no `data:image/...;base64,` prefix: the API rejects prefixed strings. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
