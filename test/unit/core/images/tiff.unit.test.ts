import * as assert from 'node:assert/strict';
import { encodeTiff } from '../../../../src/core/images/tiff';

const TYPE_SIZES: Record<number, number> = { 3: 2, 4: 4, 5: 8 };

/** Reads the first IFD of a little-endian TIFF into tag -> values, the way a baseline reader would. */
function readIfd(file: Buffer): Map<number, number[]> {
  assert.equal(file.subarray(0, 4).toString('latin1'), 'II*\0');
  const ifd = file.readUInt32LE(4);
  const count = file.readUInt16LE(ifd);
  const tags = new Map<number, number[]>();
  let previousTag = 0;
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    const tag = file.readUInt16LE(at);
    assert.ok(tag > previousTag, 'tags are in ascending order');
    previousTag = tag;
    const type = file.readUInt16LE(at + 2);
    const n = file.readUInt32LE(at + 4);
    const size = TYPE_SIZES[type];
    assert.ok(size, `type ${type} of tag ${tag} is SHORT, LONG or RATIONAL`);
    const valuesAt = n * size <= 4 ? at + 8 : file.readUInt32LE(at + 8);
    assert.equal(valuesAt % 2, 0, `values of tag ${tag} start on a word boundary`);
    const values: number[] = [];
    for (let j = 0; j < n; j++) {
      if (type === 3) values.push(file.readUInt16LE(valuesAt + j * 2));
      else if (type === 4) values.push(file.readUInt32LE(valuesAt + j * 4));
      else values.push(file.readUInt32LE(valuesAt + j * 8) / file.readUInt32LE(valuesAt + j * 8 + 4));
    }
    tags.set(tag, values);
  }
  assert.equal(file.readUInt32LE(ifd + 2 + count * 12), 0, 'one image: no next IFD');
  return tags;
}

function pixels(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([i % 256, (i * 7) % 256, (i * 13) % 256, 255], i * 4);
  return rgba;
}

describe('encodeTiff', () => {
  it('writes an uncompressed RGB baseline TIFF at 500 dpi with every required tag', () => {
    const rgba = pixels(5, 3);
    const file = encodeTiff(5, 3, rgba);
    const tags = readIfd(file);
    assert.deepEqual(tags.get(256), [5], 'ImageWidth');
    assert.deepEqual(tags.get(257), [3], 'ImageLength');
    assert.deepEqual(tags.get(258), [8, 8, 8], 'BitsPerSample');
    assert.deepEqual(tags.get(259), [1], 'Compression: none');
    assert.deepEqual(tags.get(262), [2], 'PhotometricInterpretation: RGB');
    assert.deepEqual(tags.get(277), [3], 'SamplesPerPixel');
    assert.deepEqual(tags.get(278), [3], 'RowsPerStrip');
    assert.deepEqual(tags.get(282), [500], 'XResolution');
    assert.deepEqual(tags.get(283), [500], 'YResolution');
    assert.deepEqual(tags.get(296), [2], 'ResolutionUnit: inch');
    const [offset] = tags.get(273) as [number];
    const [byteCount] = tags.get(279) as [number];
    assert.equal(byteCount, 5 * 3 * 3);
    assert.equal(offset + byteCount, file.length, 'the strip ends the file');
    const expected = [...rgba].filter((_, i) => i % 4 !== 3);
    assert.deepEqual([...file.subarray(offset, offset + byteCount)], expected, 'pixels stored as RGB, row by row');
  });

  it('writes one 8-bit BlackIsZero sample a pixel when asked for grayscale', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 255, 10, 20, 30, 0]);
    const file = encodeTiff(2, 2, rgba, { grayscale: true });
    const tags = readIfd(file);
    assert.deepEqual(tags.get(258), [8]);
    assert.deepEqual(tags.get(262), [1], 'PhotometricInterpretation: BlackIsZero');
    assert.deepEqual(tags.get(277), [1]);
    const [offset] = tags.get(273) as [number];
    // Black, white, red's luminance, and a fully transparent pixel composited on white.
    assert.deepEqual([...file.subarray(offset)], [0, 255, 76, 255]);
  });

  it('rejects pixel buffers that do not match the size', () => {
    assert.throws(() => encodeTiff(2, 2, new Uint8Array(12)), RangeError);
    assert.throws(() => encodeTiff(0, 1, new Uint8Array(0)), RangeError);
  });
});
