import * as assert from 'node:assert/strict';
import { encodeJpeg } from '../../../../src/core/images/jpeg';

interface Segment {
  marker: number;
  payload: Buffer;
}

/** Splits a JPEG into its header segments and the entropy-coded data of its single scan. */
function parse(file: Buffer): { segments: Segment[]; entropy: Buffer } {
  assert.deepEqual([...file.subarray(0, 2)], [0xff, 0xd8], 'starts with SOI');
  assert.deepEqual([...file.subarray(-2)], [0xff, 0xd9], 'ends with EOI');
  const segments: Segment[] = [];
  let offset = 2;
  for (;;) {
    assert.equal(file[offset], 0xff, `marker expected at ${offset}`);
    const marker = file[offset + 1] as number;
    const length = file.readUInt16BE(offset + 2);
    segments.push({ marker, payload: file.subarray(offset + 4, offset + 2 + length) });
    offset += 2 + length;
    if (marker === 0xda) return { segments, entropy: file.subarray(offset, file.length - 2) };
  }
}

function only(segments: Segment[], marker: number): Buffer {
  const found = segments.filter((s) => s.marker === marker);
  assert.equal(found.length, 1, `one segment 0x${marker.toString(16)}`);
  return (found[0] as Segment).payload;
}

/**
 * Huffman-decodes every block of a baseline 3-component 4:4:4 scan with the tables the file
 * itself declares, as a decoder would, and returns the dequantised DC value of each block.
 */
function decodeDc(file: Buffer, width: number, height: number): number[][] {
  const { segments, entropy } = parse(file);
  const tables = new Map<number, Map<string, number>>();
  const dht = only(segments, 0xc4);
  for (let at = 0; at < dht.length; ) {
    const id = dht[at] as number;
    const counts = [...dht.subarray(at + 1, at + 17)];
    const symbols = dht.subarray(at + 17, at + 17 + counts.reduce((a, b) => a + b, 0));
    const codes = new Map<string, number>();
    let code = 0;
    let k = 0;
    counts.forEach((count, i) => {
      for (let j = 0; j < count; j++) codes.set(`${i + 1}:${code++}`, symbols[k++] as number);
      code <<= 1;
    });
    tables.set(id, codes);
    at += 17 + symbols.length;
  }
  const dqt = only(segments, 0xdb);
  const dcQuant = [dqt[1] as number, dqt[66] as number];

  const bytes: number[] = [];
  for (let i = 0; i < entropy.length; i++) {
    bytes.push(entropy[i] as number);
    if (entropy[i] === 0xff) {
      assert.equal(entropy[i + 1], 0x00, `0xFF at ${i} of the entropy data is stuffed`);
      i++;
    }
  }
  let bit = 0;
  const readBit = () => {
    assert.ok(bit < bytes.length * 8, 'entropy data ran out');
    const value = ((bytes[bit >> 3] as number) >> (7 - (bit & 7))) & 1;
    bit++;
    return value;
  };
  const readBits = (n: number) => {
    let value = 0;
    for (let i = 0; i < n; i++) value = (value << 1) | readBit();
    return n > 0 && value < 1 << (n - 1) ? value - (1 << n) + 1 : value;
  };
  const readSymbol = (table: Map<string, number>) => {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | readBit();
      const symbol = table.get(`${length}:${code}`);
      if (symbol !== undefined) return symbol;
    }
    assert.fail('invalid Huffman code');
  };

  const dc = [[], [], []] as number[][];
  const previous = [0, 0, 0];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let b = 0; b < blocks; b++) {
    for (let c = 0; c < 3; c++) {
      const chroma = c === 0 ? 0 : 1;
      previous[c] = (previous[c] as number) + readBits(readSymbol(tables.get(chroma) as Map<string, number>));
      (dc[c] as number[]).push((previous[c] as number) * (dcQuant[chroma] as number));
      for (let k = 1; k < 64; k++) {
        const rs = readSymbol(tables.get(0x10 | chroma) as Map<string, number>);
        if (rs === 0x00) break;
        k += rs >> 4;
        assert.ok(k < 64, 'run stays inside the block');
        readBits(rs & 15);
      }
    }
  }
  const rest = bytes.length * 8 - bit;
  assert.ok(rest < 8, `no data after the last block (${rest} bits left)`);
  while (bit < bytes.length * 8) assert.equal(readBit(), 1, 'padding bits are ones');
  return dc;
}

function solid(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([r, g, b, 255], i * 4);
  return rgba;
}

/** Deterministic noise: it uses nearly every Huffman symbol and produces many 0xFF bytes to stuff. */
function noise(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  let state = 12345;
  for (let i = 0; i < rgba.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    rgba[i] = i % 4 === 3 ? 255 : state >>> 24;
  }
  return rgba;
}

describe('encodeJpeg', () => {
  it('writes SOI, a JFIF APP0, tables, a baseline SOF0 with the encoded size, one scan and EOI', () => {
    const file = encodeJpeg(37, 23, solid(37, 23, [10, 200, 30]));
    const { segments } = parse(file);
    assert.deepEqual(
      segments.map((s) => s.marker),
      [0xe0, 0xdb, 0xc0, 0xc4, 0xda],
    );
    const app0 = only(segments, 0xe0);
    assert.equal(app0.subarray(0, 5).toString('latin1'), 'JFIF\0');
    const sof = only(segments, 0xc0);
    assert.equal(sof[0], 8, '8-bit precision');
    assert.equal(sof.readUInt16BE(1), 23, 'height');
    assert.equal(sof.readUInt16BE(3), 37, 'width');
    assert.equal(sof[5], 3, 'three components');
    const dqt = only(segments, 0xdb);
    assert.equal(dqt.length, 2 * 65, 'two 8-bit quantisation tables');
  });

  it('produces a scan a decoder reads to the end: valid codes, stuffed 0xFF bytes, one-bit padding', () => {
    for (const quality of [1, 50, 85, 100]) {
      const file = encodeJpeg(50, 41, noise(50, 41), quality);
      const dc = decodeDc(file, 50, 41);
      assert.equal(dc[0]?.length, 7 * 6, `every block decodes at quality ${quality}`);
    }
    const stuffed = parse(encodeJpeg(50, 41, noise(50, 41), 100)).entropy.indexOf(Buffer.from([0xff, 0x00]));
    assert.ok(stuffed >= 0, 'the noise image exercises byte stuffing');
  });

  it('encodes the colour it was given: dequantised DC matches the JFIF YCbCr of a flat image', () => {
    const [r, g, b] = [200, 120, 40];
    const dc = decodeDc(encodeJpeg(16, 16, solid(16, 16, [r, g, b]), 90), 16, 16);
    const expected = [
      0.299 * r + 0.587 * g + 0.114 * b - 128,
      -0.168736 * r - 0.331264 * g + 0.5 * b,
      0.5 * r - 0.418688 * g - 0.081312 * b,
    ];
    for (let c = 0; c < 3; c++) {
      for (const value of dc[c] as number[]) {
        // The DC coefficient of a flat 8x8 block is 8 times its (level-shifted) value.
        assert.ok(Math.abs(value / 8 - (expected[c] as number)) < 1, `component ${c}: ${value / 8} vs ${expected[c]}`);
      }
    }
  });

  it('composites transparent pixels on white', () => {
    const rgba = new Uint8Array(8 * 8 * 4); // all zero: transparent black
    const dc = decodeDc(encodeJpeg(8, 8, rgba, 90), 8, 8);
    assert.ok(Math.abs((dc[0]?.[0] as number) / 8 - 127) < 1);
  });

  it('smaller quality gives smaller files', () => {
    const rgba = noise(64, 64);
    assert.ok(encodeJpeg(64, 64, rgba, 30).length < encodeJpeg(64, 64, rgba, 95).length);
  });

  it('rejects pixel buffers that do not match the size, and impossible sizes', () => {
    assert.throws(() => encodeJpeg(2, 2, new Uint8Array(15)), RangeError);
    assert.throws(() => encodeJpeg(0, 0, new Uint8Array(0)), RangeError);
    assert.throws(() => encodeJpeg(70000, 1, new Uint8Array(280000)), RangeError);
  });
});
