import * as assert from 'node:assert/strict';
import { readImageDimensions } from '../../../../src/core/images/dimensions';
import { encodeJpeg } from '../../../../src/core/images/jpeg';
import { encodePng } from '../../../../src/core/images/png';
import { encodeTiff } from '../../../../src/core/images/tiff';

const WIDTH = 37;
const HEIGHT = 23;
const rgba = new Uint8Array(WIDTH * HEIGHT * 4).fill(200);

const generated: Record<string, Buffer> = {
  jpeg: encodeJpeg(WIDTH, HEIGHT, rgba),
  png: encodePng(WIDTH, HEIGHT, rgba),
  'rgb tiff': encodeTiff(WIDTH, HEIGHT, rgba),
  'grayscale tiff': encodeTiff(WIDTH, HEIGHT, rgba, { grayscale: true }),
};

const bytes = (...parts: (number | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from([p]))));

/** A marker segment: 0xFF, marker, big-endian length counting itself, payload. */
function segment(marker: number, payload: number[]): Buffer {
  return Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
}

/** The header of a WSQ file: SOI, then comment and transform-table segments before the frame. */
const WSQ = Buffer.concat([
  bytes(0xff, 0xa0),
  segment(0xa8, [...Buffer.from('NIST_COM\n')]), // COM
  segment(0xa4, [0, 1, 2, 3]), // DTT
  segment(0xa2, [0, 255, 0x01, 0x90, 0x01, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]), // SOF: 400 high, 384 wide
  bytes(0xff, 0xa1),
]);

/** A minimal TIFF with one IFD holding ImageWidth and ImageLength of the given types. */
function tiff(littleEndian: boolean, widthType: 3 | 4, heightType: 3 | 4, width: number, height: number): Buffer {
  const file = Buffer.alloc(8 + 2 + 2 * 12 + 4);
  const u16 = (value: number, at: number) =>
    littleEndian ? file.writeUInt16LE(value, at) : file.writeUInt16BE(value, at);
  const u32 = (value: number, at: number) =>
    littleEndian ? file.writeUInt32LE(value, at) : file.writeUInt32BE(value, at);
  file.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(2, 8);
  [
    [256, widthType, width],
    [257, heightType, height],
  ].forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    u16(tag as number, at);
    u16(type as number, at + 2);
    u32(1, at + 4);
    if (type === 3) u16(value as number, at + 8);
    else u32(value as number, at + 8);
  });
  return file;
}

/** Deterministic pseudo-random bytes. */
function randomBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('readImageDimensions', () => {
  for (const [name, file] of Object.entries(generated)) {
    it(`reads the encoded size of a generated ${name}`, () => {
      assert.deepEqual(readImageDimensions(file), { width: WIDTH, height: HEIGHT });
    });
  }

  it('reads through a Uint8Array view that does not start at its buffer’s beginning', () => {
    const png = generated.png as Buffer;
    const shared = Buffer.concat([Buffer.from('junk before the image'), png]);
    assert.deepEqual(readImageDimensions(shared.subarray(shared.length - png.length)), {
      width: WIDTH,
      height: HEIGHT,
    });
  });

  it('walks JPEG markers past fill bytes, standalone markers and DHT/JPG/DAC to the first frame', () => {
    const jpeg = Buffer.concat([
      bytes(0xff, 0xd8),
      bytes(0xff, 0x01), // TEM: no length
      segment(0xe1, [...Buffer.from('Exif\0\0')]),
      bytes(0xff, 0xff, 0xff), // fill bytes before the next marker
      segment(0xc4, [0x00, 0x01, 0x02]), // DHT looks like SOF4
      segment(0xc8, [0x00, 0x99, 0x99, 0x99, 0x99]), // JPG extension looks like SOF8
      segment(0xcc, [0x00, 0x11]), // DAC looks like SOF12
      bytes(0xff, 0xd0), // RSTn: no length
      segment(0xc2, [8, 0x01, 0x2c, 0x02, 0x58, 3]), // SOF2 (progressive): 600 x 300
      segment(0xc0, [8, 0x00, 0x10, 0x00, 0x10, 3]), // a later frame is ignored
    ]);
    assert.deepEqual(readImageDimensions(jpeg), { width: 600, height: 300 });
  });

  it('gives undefined for a JPEG whose height is deferred to a DNL marker, or whose scan comes before a frame', () => {
    assert.equal(
      readImageDimensions(Buffer.concat([bytes(0xff, 0xd8), segment(0xc0, [8, 0, 0, 0, 16, 1])])),
      undefined,
    );
    const scanFirst = Buffer.concat([bytes(0xff, 0xd8), segment(0xda, [1, 1, 0]), segment(0xc0, [8, 0, 16, 0, 16, 1])]);
    assert.equal(readImageDimensions(scanFirst), undefined);
  });

  it('reads WSQ height then width from the SOF marker after other segments', () => {
    assert.deepEqual(readImageDimensions(WSQ), { width: 384, height: 400 });
  });

  it('reads TIFF ImageWidth/ImageLength stored as SHORT or LONG, little or big endian', () => {
    for (const littleEndian of [true, false]) {
      for (const [widthType, heightType] of [
        [3, 3],
        [4, 4],
        [3, 4],
        [4, 3],
      ] as const) {
        // LONG values above 65535 prove all four bytes are read.
        const width = widthType === 3 ? 1200 : 70001;
        const height = heightType === 3 ? 1600 : 80000;
        assert.deepEqual(
          readImageDimensions(tiff(littleEndian, widthType, heightType, width, height)),
          { width, height },
          `${littleEndian ? 'II' : 'MM'}, width type ${widthType}, height type ${heightType}`,
        );
      }
    }
  });

  it('gives undefined, never a wrong size, for every truncation of a valid file', () => {
    const files = {
      ...generated,
      'big-endian tiff': tiff(false, 3, 4, 640, 480),
      wsq: WSQ,
    };
    for (const [name, file] of Object.entries(files)) {
      const expected = readImageDimensions(file);
      for (let length = 0; length < Math.min(file.length, 700); length++) {
        const result = readImageDimensions(file.subarray(0, length));
        if (result !== undefined) assert.deepEqual(result, expected, `${name} cut at ${length} bytes`);
      }
      assert.equal(readImageDimensions(file.subarray(0, 20)), undefined, `${name} cut at 20 bytes`);
    }
  });

  it('gives undefined for garbage, including garbage behind a valid signature', () => {
    assert.equal(readImageDimensions(new Uint8Array()), undefined);
    assert.equal(readImageDimensions(Buffer.from('not an image at all, just text')), undefined);
    assert.equal(readImageDimensions(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01)), undefined, 'segment length < 2');
    assert.equal(readImageDimensions(bytes(0xff, 0xd8, 0x12, 0x34)), undefined, 'no marker after SOI');
    assert.equal(readImageDimensions(bytes('II', 0x2a, 0, 0xff, 0xff, 0xff, 0xff)), undefined, 'IFD past the end');
    const png = Buffer.from(generated.png as Buffer);
    png.write('iCCP', 12, 'latin1');
    assert.equal(readImageDimensions(png), undefined, 'first PNG chunk is not IHDR');
    const signatures = [bytes(0xff, 0xd8, 0xff), bytes(0xff, 0xa0, 0xff), bytes('II', 0x2a, 0), bytes('MM', 0, 0x2a)];
    for (let seed = 1; seed <= 2000; seed++) {
      const signature = signatures[seed % signatures.length] as Buffer;
      const input = Buffer.concat([signature, randomBytes(seed, seed % 300)]);
      const result = readImageDimensions(input);
      if (result) assert.ok(result.width > 0 && result.height > 0, `seed ${seed}`);
    }
  });

  it('never throws on corrupted copies of valid files', () => {
    for (const file of Object.values(generated)) {
      for (let seed = 1; seed <= 300; seed++) {
        const corrupted = Buffer.from(file.subarray(0, 400));
        const noise = randomBytes(seed, 4);
        corrupted[(noise[0] as number) % corrupted.length] = noise[1] as number;
        corrupted[(noise[2] as number) % corrupted.length] = noise[3] as number;
        assert.doesNotThrow(() => readImageDimensions(corrupted));
      }
    }
  });
});
