/**
 * A small baseline JPEG encoder (JFIF, YCbCr 4:4:4, the example tables of ITU T.81 Annex K), so
 * tests and sample workspaces get real JPEG files, the format the API sees most, without an
 * image library. It favours being short and obviously right over speed or compression ratio.
 */

// biome-ignore format: one row of the 8x8 block per line
const LUMINANCE_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61,
  12, 12, 14, 19, 26, 58, 60, 55,
  14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77,
  24, 35, 55, 64, 81, 104, 113, 92,
  49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];

// biome-ignore format: one row of the 8x8 block per line
const CHROMINANCE_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99,
  18, 21, 26, 66, 99, 99, 99, 99,
  24, 26, 56, 99, 99, 99, 99, 99,
  47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/** ZIGZAG[k] is the natural (row-major) index of the k-th coefficient in zigzag order. */
// biome-ignore format: eight per line
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
  12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
  58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

interface HuffmanSpec {
  /** Table class and id as written in DHT: 0x00 DC luminance, 0x10 AC luminance, 0x01, 0x11 chrominance. */
  classAndId: number;
  /** How many codes there are of each length 1..16. */
  counts: Buffer;
  /** The symbols, in order of increasing code. */
  symbols: Buffer;
}

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

const DC_SYMBOLS = hex('000102030405060708090a0b');
const HUFFMAN_SPECS: HuffmanSpec[] = [
  { classAndId: 0x00, counts: hex('00010501010101010100000000000000'), symbols: DC_SYMBOLS },
  {
    classAndId: 0x10,
    counts: hex('0002010303020403050504040000017d'),
    symbols: hex(`01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a
      3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a9293949596
      9798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2
      f3f4f5f6f7f8f9fa`),
  },
  { classAndId: 0x01, counts: hex('00030101010101010101010000000000'), symbols: DC_SYMBOLS },
  {
    classAndId: 0x11,
    counts: hex('00020102040403040705040400010277'),
    symbols: hex(`000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728
      292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a9293
      9495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9
      eaf2f3f4f5f6f7f8f9fa`),
  },
];

interface Code {
  code: number;
  length: number;
}

/** Canonical Huffman codes from a DHT spec (T.81 Annex C), indexed by symbol. */
function buildCodes({ counts, symbols }: HuffmanSpec): Code[] {
  const codes: Code[] = [];
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (counts[length - 1] ?? 0); i++) codes[symbols[k++] ?? 0] = { code: code++, length };
    code <<= 1;
  }
  return codes;
}

/** Scales an Annex K table the way libjpeg does, so `quality` means what users expect from other tools. */
function scaleQuant(table: number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return table.map((value) => Math.min(255, Math.max(1, Math.floor((value * scale + 50) / 100))));
}

/** COS[u * 8 + x] = C(u)/2 * cos((2x + 1)uπ/16): the 1-D factor of the T.81 A.3.3 forward DCT. */
const COS = Array.from({ length: 64 }, (_, i) => {
  const u = Math.floor(i / 8);
  const x = i % 8;
  return ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

function forwardDct(block: Float64Array): Float64Array {
  const rows = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += (block[y * 8 + x] ?? 0) * (COS[v * 8 + x] ?? 0);
      rows[y * 8 + v] = sum;
    }
  }
  const out = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) sum += (COS[u * 8 + y] ?? 0) * (rows[y * 8 + v] ?? 0);
      out[u * 8 + v] = sum;
    }
  }
  return out;
}

class BitWriter {
  readonly bytes: number[] = [];
  private buffer = 0;
  private count = 0;

  write({ code, length }: Code): void {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.buffer = (this.buffer << 1) | ((code >> bit) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }

  /** Pads the last byte with 1 bits, as T.81 F.1.2.3 asks, so padding never reads as a code. */
  finish(): void {
    while (this.count !== 0) this.write({ code: 1, length: 1 });
  }

  private flushByte(): void {
    this.bytes.push(this.buffer);
    // A 0xFF in entropy-coded data would read as a marker: stuff a zero byte after it.
    if (this.buffer === 0xff) this.bytes.push(0x00);
    this.buffer = 0;
    this.count = 0;
  }
}

/** The magnitude category of a coefficient and its extra bits (T.81 F.1.2.1). */
function category(value: number): Code {
  const length = value === 0 ? 0 : Math.floor(Math.log2(Math.abs(value))) + 1;
  return { code: value < 0 ? value + (1 << length) - 1 : value, length };
}

function encodeBlock(out: BitWriter, zigzag: Int32Array, previousDc: number, dc: Code[], ac: Code[]): void {
  const diff = category((zigzag[0] ?? 0) - previousDc);
  out.write(dc[diff.length] as Code);
  out.write(diff);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = zigzag[k] ?? 0;
    if (value === 0) {
      run++;
      continue;
    }
    for (; run > 15; run -= 16) out.write(ac[0xf0] as Code); // ZRL: sixteen zeros
    const bits = category(value);
    out.write(ac[(run << 4) | bits.length] as Code);
    out.write(bits);
    run = 0;
  }
  if (run > 0) out.write(ac[0x00] as Code); // EOB
}

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** Encodes 8-bit RGBA pixels (row-major) as a baseline JFIF file. Transparent pixels are composited on white. */
export function encodeJpeg(width: number, height: number, rgba: Uint8Array, quality = 85): Buffer {
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < 1 || side > 0xffff) throw new RangeError('JPEG sides must be 1..65535');
  }
  if (rgba.length !== width * height * 4) throw new RangeError('rgba must hold width * height * 4 bytes');
  const quant = [scaleQuant(LUMINANCE_QUANT, quality), scaleQuant(CHROMINANCE_QUANT, quality)];
  const [dcLuma, acLuma, dcChroma, acChroma] = HUFFMAN_SPECS.map(buildCodes) as [Code[], Code[], Code[], Code[]];
  const tables = [
    { quant: quant[0] as number[], dc: dcLuma, ac: acLuma },
    { quant: quant[1] as number[], dc: dcChroma, ac: acChroma },
    { quant: quant[1] as number[], dc: dcChroma, ac: acChroma },
  ];

  const out = new BitWriter();
  const previousDc = [0, 0, 0];
  const blocks = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let i = 0; i < 64; i++) {
        // Partial edge blocks repeat the last row and column, which compresses better than black.
        const x = Math.min(bx + (i % 8), width - 1);
        const y = Math.min(by + Math.floor(i / 8), height - 1);
        const p = (y * width + x) * 4;
        const alpha = (rgba[p + 3] ?? 255) / 255;
        const [r, g, b] = [0, 1, 2].map((c) => (rgba[p + c] ?? 0) * alpha + 255 * (1 - alpha)) as [
          number,
          number,
          number,
        ];
        // JFIF YCbCr, level-shifted by 128 for the DCT.
        (blocks[0] as Float64Array)[i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
        (blocks[1] as Float64Array)[i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
        (blocks[2] as Float64Array)[i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
      }
      for (let c = 0; c < 3; c++) {
        const { quant: q, dc, ac } = tables[c] as (typeof tables)[number];
        const coefficients = forwardDct(blocks[c] as Float64Array);
        const zigzag = new Int32Array(64);
        for (let k = 0; k < 64; k++) {
          const n = ZIGZAG[k] ?? 0;
          // Baseline Huffman tables stop at 10-bit AC values and 11-bit DC differences.
          zigzag[k] = Math.max(-1023, Math.min(1023, Math.round((coefficients[n] ?? 0) / (q[n] ?? 1))));
        }
        encodeBlock(out, zigzag, previousDc[c] ?? 0, dc, ac);
        previousDc[c] = zigzag[0] ?? 0;
      }
    }
  }
  out.finish();

  const jfif = Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = Buffer.concat(quant.map((table, id) => Buffer.from([id, ...ZIGZAG.map((n) => table[n] ?? 1)])));
  const frame = Buffer.alloc(15);
  frame[0] = 8; // bits per sample
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  frame[5] = 3;
  // Component id, sampling 1x1 (4:4:4), quantisation table.
  frame.set([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1], 6);
  const dht = Buffer.concat(
    HUFFMAN_SPECS.map((s) => Buffer.concat([Buffer.from([s.classAndId]), s.counts, s.symbols])),
  );
  // Component id and DC/AC table ids, then spectral selection 0..63 and no successive approximation.
  const scan = Buffer.from([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xdb, dqt),
    segment(0xc0, frame),
    segment(0xc4, dht),
    segment(0xda, scan),
    Buffer.from(out.bytes),
    Buffer.from([0xff, 0xd9]),
  ]);
}
