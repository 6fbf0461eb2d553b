import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReadScratch, readImageBytes, readImageBytesSync } from '../../../../src/core/bulk/imageBytes';
import { readImageFile } from '../../../../src/core/images/read';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';

/** The reader the preflight uses and the one workers fall back to, each as a promise. */
const READERS = {
  blocking: (path: string, maxBytes: number) => Promise.resolve().then(() => readImageBytesSync(path, maxBytes)),
  'thread pool': readImageBytes,
};

async function failure(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the read to fail');
}

describe('bulk: reading an image once (the preflight and the workers)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-image-bytes-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, read] of Object.entries(READERS)) {
    it(`${name}: the file's bytes, size and modification time, as readImageFile and stat give them`, async () => {
      const path = join(dir, `face-${name}.jpg`);
      writeFileSync(path, sampleFaceJpeg(7, 96));
      const got = await read(path, 10 * 1024 * 1024);
      const stats = statSync(path);
      assert.deepEqual(got.bytes, (await readImageFile(path)).bytes);
      assert.equal(got.size, stats.size);
      assert.equal(got.mtimeMs, stats.mtimeMs);
    });

    it(`${name}: a file larger than its size said at first (it grew) is read whole, up to the limit`, async () => {
      // 200 KB over several reads into a buffer that starts at 1 byte past the stat's size.
      const path = join(dir, `large-${name}.bin`);
      const bytes = Buffer.alloc(200 * 1024, 7);
      writeFileSync(path, bytes);
      assert.deepEqual((await read(path, 1024 * 1024)).bytes, bytes);
      const refused = await failure(read(path, 100 * 1024));
      assert.equal(refused.code, 'too-large');
    });

    it(`${name}: refuses what readImageFile refuses, with its messages`, async () => {
      const empty = join(dir, `empty-${name}.jpg`);
      writeFileSync(empty, '');
      const folder = join(dir, `folder-${name}.jpg`);
      mkdirSync(folder);
      const loop = join(dir, `loop-${name}.jpg`);
      symlinkSync(loop, loop);
      const big = join(dir, `big-${name}.jpg`);
      writeFileSync(big, Buffer.alloc(2048, 1));
      const cases: [string, number, string, RegExp][] = [
        [join(dir, 'missing.jpg'), 1e6, 'not-found', /missing\.jpg does not exist\./],
        [empty, 1e6, 'empty', /is empty \(0 bytes\)\./],
        [folder, 1e6, 'not-a-file', /is a directory, not an image file\./],
        [loop, 1e6, 'unreadable', /is a symbolic link loop/],
        [big, 1000, 'too-large', /is 2 KB \(2048 bytes\), over the .*\(1000 bytes\) limit/],
      ];
      for (const [path, maxBytes, code, message] of cases) {
        const refused = await failure(read(path, maxBytes));
        assert.equal(refused.code, code, path);
        assert.match(refused.message, message);
        const expected = await failure(readImageFile(path, { maxBytes }));
        assert.equal(refused.message, expected.message);
      }
    });
  }

  it('with a scratch buffer, reads of images large and small reuse one buffer and give each file its own bytes', () => {
    const files = [sampleFaceJpeg(1, 160), sampleFaceJpeg(2, 48), sampleFaceJpeg(3, 200), sampleFaceJpeg(4, 64)];
    const paths = files.map((bytes, index) => {
      const path = join(dir, `scratch-${index}.jpg`);
      writeFileSync(path, bytes);
      return path;
    });
    const scratch: ReadScratch = {};
    const buffers = new Set<Buffer>();
    paths.forEach((path, index) => {
      const { bytes } = readImageBytesSync(path, 1024 * 1024, scratch);
      assert.deepEqual(bytes, files[index], `file ${index}`);
      assert.ok(scratch.buffer, 'the scratch holds a buffer');
      assert.equal(bytes.byteOffset, scratch.buffer.byteOffset, 'the bytes are read into the scratch buffer');
      buffers.add(scratch.buffer);
    });
    // A new buffer only when an image is larger than every one before it (the 1st and the 3rd).
    assert.equal(buffers.size, 2);
  });

  it('a named pipe listed as an image is refused at once, not waited on for a writer', async function () {
    if (process.platform === 'win32') this.skip();
    const pipe = join(dir, 'pipe.jpg');
    execFileSync('mkfifo', [pipe]);
    for (const read of Object.values(READERS)) {
      const refused = await failure(read(pipe, 1e6));
      assert.equal(refused.code, 'not-a-file');
      assert.match(refused.message, /pipe\.jpg is not a regular file, not an image file\./);
    }
  });
});
