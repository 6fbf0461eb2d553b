import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync, type Stats } from 'node:fs';
import { fromSystemError, ImageReadError, tooLarge } from '../images/read';
import { l10n } from '../l10n';

/** An image file's bytes with the size and modification time of the file they were read from. */
export interface ImageBytes {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

/**
 * Read-only, and non-blocking so that opening a named pipe listed in a CSV returns at once (it is
 * then refused as not a regular file) instead of waiting for a writer. No effect on regular files.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The refusals readImageFile makes from a file's stats, with the same messages. */
function statsProblem(path: string, stats: Stats, maxBytes: number): ImageReadError | undefined {
  if (!stats.isFile()) {
    const message = stats.isDirectory()
      ? l10n.t('Image {0} is a directory, not an image file.', path)
      : l10n.t('Image {0} is not a regular file, not an image file.', path);
    return new ImageReadError('not-a-file', path, message);
  }
  if (stats.size === 0) return emptyFile(path);
  if (stats.size > maxBytes) return tooLarge(path, stats.size, maxBytes);
  return undefined;
}

function emptyFile(path: string): ImageReadError {
  return new ImageReadError('empty', path, l10n.t('Image {0} is empty (0 bytes).', path));
}

function asReadError(path: string, error: unknown): ImageReadError {
  return error instanceof ImageReadError ? error : fromSystemError(path, error);
}

/**
 * The buffer a read goes on into: the same one while it has room, else one twice as large (up to
 * one byte over the limit, which is enough to tell the file is too large). A file read whole
 * never needs more than the first: it is sized one byte past the size fstat gave, so a single read
 * that comes back short of it is the whole file, and one that fills it means the file grew.
 */
function room(bytes: Buffer, length: number, maxBytes: number): Buffer {
  if (length < bytes.length) return bytes;
  const bigger = Buffer.allocUnsafe(Math.min(bytes.length * 2, maxBytes + 1));
  bytes.copy(bigger, 0, 0, length);
  return bigger;
}

/**
 * A buffer that reads reuse, for a caller that is done with each image's bytes before it reads
 * the next (the preflight: check, hash, let go). 100,000 faces read into fresh buffers left up to
 * 31 MB of them waiting for the collector; one buffer leaves none.
 */
export interface ReadScratch {
  buffer?: Buffer;
}

/** A scratch buffer is kept up to this size; a larger image gets a buffer of its own. */
const MAX_SCRATCH_BYTES = 4 * 1024 * 1024;

/**
 * Reads an image file in one open, fstat, read and close, with readImageFile's refusals and
 * messages (missing, not a file, empty, over `maxBytes` before reading, unreadable), but without
 * detecting its kind or dimensions: a bulk run checks those once, in the preflight. Blocking: the
 * preflight calls it in time slices, before any request is in flight; the workers while reads
 * stay quick (see execute.ts). With `scratch`, the bytes are read into its buffer when they fit,
 * and are valid only until the next read with it.
 */
export function readImageBytesSync(path: string, maxBytes: number, scratch?: ReadScratch): ImageBytes {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw fromSystemError(path, error);
  }
  try {
    const stats = fstatSync(fd);
    const problem = statsProblem(path, stats, maxBytes);
    if (problem) throw problem;
    const reused = scratch?.buffer;
    let bytes: Buffer =
      reused && reused.length > stats.size ? reused : Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const count = readSync(fd, bytes, length, bytes.length - length, length);
      length += count;
      if (length > maxBytes) throw tooLarge(path, length, maxBytes);
      if (count === 0 || length < bytes.length) break;
      bytes = room(bytes, length, maxBytes);
    }
    if (length === 0) throw emptyFile(path);
    if (scratch && bytes !== reused && bytes.length <= MAX_SCRATCH_BYTES) scratch.buffer = bytes;
    return { bytes: bytes.subarray(0, length), size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    throw asReadError(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Closes without waiting: the bytes are read, and a failing close of a read-only file loses nothing. */
function closeQuietly(fd: number): void {
  close(fd, () => undefined);
}

/**
 * readImageBytesSync without blocking, for the workers once reads are slow: the callback calls on
 * their own (no FileHandle, no stat before the open), one round trip to the thread pool for each
 * of open, fstat, read and close.
 */
export function readImageBytes(path: string, maxBytes: number): Promise<ImageBytes> {
  return new Promise((resolve, reject) => {
    open(path, OPEN_FLAGS, (openError, fd) => {
      if (openError) {
        reject(fromSystemError(path, openError));
        return;
      }
      const fail = (error: unknown) => {
        closeQuietly(fd);
        reject(asReadError(path, error));
      };
      fstat(fd, (statError, stats) => {
        if (statError) return fail(statError);
        const problem = statsProblem(path, stats, maxBytes);
        if (problem) return fail(problem);
        let bytes: Buffer = Buffer.allocUnsafe(stats.size + 1);
        let length = 0;
        const more = () =>
          read(fd, bytes, length, bytes.length - length, length, (readError, count) => {
            if (readError) return fail(readError);
            length += count;
            if (length > maxBytes) return fail(tooLarge(path, length, maxBytes));
            if (count > 0 && length === bytes.length) {
              bytes = room(bytes, length, maxBytes);
              return more();
            }
            if (length === 0) return fail(emptyFile(path));
            closeQuietly(fd);
            resolve({ bytes: bytes.subarray(0, length), size: stats.size, mtimeMs: stats.mtimeMs });
          });
        more();
      });
    });
  });
}
