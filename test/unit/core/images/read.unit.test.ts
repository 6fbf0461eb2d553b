import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_MAX_IMAGE_BYTES,
  ImageReadError,
  type ImageReadErrorCode,
  readImageFile,
  toBase64,
} from '../../../../src/core/images/read';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../../src/core/images/samples';

async function rejectsWith(promise: Promise<unknown>, code: ImageReadErrorCode, file: string): Promise<ImageReadError> {
  const error = await promise.then(
    () => assert.fail(`expected an ImageReadError ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ImageReadError, String(error));
  assert.equal(error.code, code);
  assert.equal(error.path, file);
  assert.equal(error.name, 'ImageReadError');
  assert.ok(error.message.includes(file), `the message names the file: ${error.message}`);
  return error;
}

describe('readImageFile', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biopassid-read-'));
  });

  afterEach(() => {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a JPEG with its kind, size and dimensions', async () => {
    const file = path.join(dir, 'face.jpg');
    const jpeg = sampleFaceJpeg(2);
    fs.writeFileSync(file, jpeg);
    const info = await readImageFile(file);
    assert.equal(info.path, file);
    assert.equal(info.kind, 'jpeg');
    assert.equal(info.byteLength, jpeg.length);
    assert.ok(info.bytes.equals(jpeg));
    assert.deepEqual(info.dimensions, { width: 160, height: 160 });
  });

  it('reads a grayscale fingerprint TIFF with its kind and dimensions', async () => {
    const file = path.join(dir, 'finger.tif');
    fs.writeFileSync(file, sampleFingerprintTiff(1, 96));
    const info = await readImageFile(file);
    assert.equal(info.kind, 'tiff');
    assert.deepEqual(info.dimensions, { width: 96, height: 96 });
  });

  it('reads a file of an unknown kind without kind or dimensions, leaving the verdict to the caller', async () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'not an image');
    const info = await readImageFile(file);
    assert.equal(info.kind, undefined);
    assert.equal(info.dimensions, undefined);
    assert.equal(info.byteLength, 12);
  });

  it("fails with 'not-found' for a missing file, or a path through a file", async () => {
    await rejectsWith(readImageFile(path.join(dir, 'missing.jpg')), 'not-found', path.join(dir, 'missing.jpg'));
    fs.writeFileSync(path.join(dir, 'plain'), 'x');
    const through = path.join(dir, 'plain', 'face.jpg');
    await rejectsWith(readImageFile(through), 'not-found', through);
  });

  it("fails with 'not-a-file' for a directory", async () => {
    const error = await rejectsWith(readImageFile(dir), 'not-a-file', dir);
    assert.match(error.message, /directory/);
  });

  it("fails with 'empty' for a 0-byte file", async () => {
    const file = path.join(dir, 'empty.png');
    fs.writeFileSync(file, '');
    await rejectsWith(readImageFile(file), 'empty', file);
  });

  it("fails with 'too-large' above maxBytes, naming the limit, and accepts a file of exactly maxBytes", async () => {
    const file = path.join(dir, 'big.jpg');
    fs.writeFileSync(file, Buffer.alloc(101, 1));
    const error = await rejectsWith(readImageFile(file, { maxBytes: 100 }), 'too-large', file);
    assert.match(error.message, /101 bytes/);
    assert.match(error.message, /100 bytes\) limit/);
    assert.equal((await readImageFile(file, { maxBytes: 101 })).byteLength, 101);
  });

  it("applies the default limit of 10 MiB, checked from the file's size before reading", async () => {
    assert.equal(DEFAULT_MAX_IMAGE_BYTES, 10 * 1024 * 1024);
    const file = path.join(dir, 'huge.jpg');
    // A sparse file: if it were read the test would still pass, but slowly; the size alone decides.
    fs.writeFileSync(file, '');
    fs.truncateSync(file, DEFAULT_MAX_IMAGE_BYTES + 1);
    const error = await rejectsWith(readImageFile(file), 'too-large', file);
    assert.match(error.message, /10\.0 MB \(10485760 bytes\) limit/);
  });

  it("fails with 'unreadable' for a file without read permission", async function () {
    // root reads files regardless of their mode, so the case cannot be set up there.
    if (process.getuid?.() === 0) this.skip();
    const file = path.join(dir, 'secret.jpg');
    fs.writeFileSync(file, sampleFaceJpeg(0));
    fs.chmodSync(file, 0o000);
    const error = await rejectsWith(readImageFile(file), 'unreadable', file);
    assert.match(error.message, /permission denied/);
    // The size is known from stat alone: an oversized file is refused before any read is tried.
    await rejectsWith(readImageFile(file, { maxBytes: 10 }), 'too-large', file);
  });

  it('rejects a maxBytes that is not a positive number', async () => {
    await assert.rejects(readImageFile(dir, { maxBytes: 0 }), RangeError);
    await assert.rejects(readImageFile(dir, { maxBytes: Number.NaN }), RangeError);
  });
});

describe('toBase64', () => {
  it('gives raw base64 without a data: prefix, which round-trips to the same bytes', () => {
    const jpeg = sampleFaceJpeg(1, 32);
    const encoded = toBase64(jpeg);
    assert.ok(!encoded.startsWith('data:'));
    assert.match(encoded, /^[A-Za-z0-9+/]+=*$/);
    assert.ok(Buffer.from(encoded, 'base64').equals(jpeg));
  });

  it('encodes only the bytes of a view, not the whole underlying buffer', () => {
    const whole = Uint8Array.of(1, 2, 3, 4, 5, 6);
    assert.equal(toBase64(whole.subarray(2, 4)), Buffer.from([3, 4]).toString('base64'));
  });
});
