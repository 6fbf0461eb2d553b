import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_MAX_IMAGE_BYTES } from '../contract/choices';
import { l10n } from '../l10n';
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
  return l10n.t('{0} ({1} bytes)', formatSize(byteCount), byteCount);
}

export function tooLarge(path: string, size: number, maxBytes: number): ImageReadError {
  return new ImageReadError(
    'too-large',
    path,
    l10n.t('Image {0} is {1}, over the {2} limit for an image.', path, describeBytes(size), describeBytes(maxBytes)),
  );
}

/** The ImageReadError for a failed stat, open or read: names the file and says why. */
export function fromSystemError(path: string, error: unknown): ImageReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ImageReadError('not-found', path, l10n.t('Image {0} does not exist.', path), { cause: error });
  }
  if (code === 'EISDIR') {
    return new ImageReadError('not-a-file', path, l10n.t('Image {0} is a directory, not a file.', path), {
      cause: error,
    });
  }
  if (code === 'ELOOP') {
    return new ImageReadError(
      'unreadable',
      path,
      l10n.t('Image {0} is a symbolic link loop (too many levels of symbolic links).', path),
      { cause: error },
    );
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? l10n.t('permission denied') : String(error);
  return new ImageReadError('unreadable', path, l10n.t('Image {0} cannot be read: {1}.', path, reason), {
    cause: error,
  });
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
    const message = stats.isDirectory()
      ? l10n.t('Image {0} is a directory, not an image file.', path)
      : l10n.t('Image {0} is not a regular file, not an image file.', path);
    throw new ImageReadError('not-a-file', path, message);
  }
  if (stats.size === 0) throw new ImageReadError('empty', path, l10n.t('Image {0} is empty (0 bytes).', path));
  if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes);

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fromSystemError(path, error);
  }
  // The file may have changed between stat and read.
  if (bytes.length === 0) throw new ImageReadError('empty', path, l10n.t('Image {0} is empty (0 bytes).', path));
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
