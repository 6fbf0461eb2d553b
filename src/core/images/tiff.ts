/**
 * Encodes an uncompressed baseline TIFF (TIFF 6.0 part 1), little endian, one strip. Fingerprint
 * scanners and AFIS tooling commonly hand over grayscale TIFF at 500 dpi, the resolution
 * fingerprint matchers assume, so the samples match what users will actually send.
 */
export interface TiffOptions {
  /** Write one 8-bit luminance sample a pixel (BlackIsZero) instead of 8-bit RGB. */
  grayscale?: boolean;
}

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const DPI = 500;

interface Entry {
  tag: number;
  type: typeof SHORT | typeof LONG | typeof RATIONAL;
  values: number[];
}

export function encodeTiff(width: number, height: number, rgba: Uint8Array, options: TiffOptions = {}): Buffer {
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < 1 || side > 0xffffffff) throw new RangeError('TIFF sides must be positive');
  }
  if (rgba.length !== width * height * 4) throw new RangeError('rgba must hold width * height * 4 bytes');
  const samples = options.grayscale ? 1 : 3;
  const pixels = Buffer.alloc(width * height * samples);
  for (let i = 0; i < width * height; i++) {
    // Baseline readers need not support alpha (ExtraSamples), so transparency is composited on white.
    const alpha = (rgba[i * 4 + 3] ?? 255) / 255;
    const [r, g, b] = [0, 1, 2].map((c) => (rgba[i * 4 + c] ?? 0) * alpha + 255 * (1 - alpha)) as [
      number,
      number,
      number,
    ];
    if (samples === 1) pixels[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else pixels.set([r, g, b].map(Math.round), i * 3);
  }

  // Entries must be sorted by tag; values that do not fit in the entry's four bytes go after the IFD.
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [width] }, // ImageWidth
    { tag: 257, type: LONG, values: [height] }, // ImageLength
    { tag: 258, type: SHORT, values: new Array<number>(samples).fill(8) }, // BitsPerSample
    { tag: 259, type: SHORT, values: [1] }, // Compression: none
    { tag: 262, type: SHORT, values: [samples === 1 ? 1 : 2] }, // PhotometricInterpretation: BlackIsZero or RGB
    { tag: 273, type: LONG, values: [0] }, // StripOffsets, filled in below
    { tag: 277, type: SHORT, values: [samples] }, // SamplesPerPixel
    { tag: 278, type: LONG, values: [height] }, // RowsPerStrip: the whole image is one strip
    { tag: 279, type: LONG, values: [pixels.length] }, // StripByteCounts
    { tag: 282, type: RATIONAL, values: [DPI, 1] }, // XResolution
    { tag: 283, type: RATIONAL, values: [DPI, 1] }, // YResolution
    { tag: 296, type: SHORT, values: [2] }, // ResolutionUnit: inch
  ];
  const valueSize = (entry: Entry) => entry.values.length * (entry.type === SHORT ? 2 : 4);
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  // TIFF asks for values to start on a word boundary.
  const even = (n: number) => n + (n % 2);
  let cursor = ifdOffset + ifdSize;
  const overflow = entries.map((entry) => {
    if (valueSize(entry) <= 4) return undefined;
    const at = cursor;
    cursor = even(cursor + valueSize(entry));
    return at;
  });
  const stripOffset = cursor;
  (entries[5] as Entry).values = [stripOffset];

  const file = Buffer.alloc(stripOffset + pixels.length);
  file.write('II', 0, 'latin1');
  file.writeUInt16LE(42, 2);
  file.writeUInt32LE(ifdOffset, 4);
  file.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach((entry, i) => {
    const at = ifdOffset + 2 + i * 12;
    file.writeUInt16LE(entry.tag, at);
    file.writeUInt16LE(entry.type, at + 2);
    // A RATIONAL is two LONGs but counts as one value.
    file.writeUInt32LE(entry.type === RATIONAL ? entry.values.length / 2 : entry.values.length, at + 4);
    const valuesAt = overflow[i] ?? at + 8;
    if (overflow[i] !== undefined) file.writeUInt32LE(valuesAt, at + 8);
    entry.values.forEach((value, j) => {
      if (entry.type === SHORT) file.writeUInt16LE(value, valuesAt + j * 2);
      else file.writeUInt32LE(value, valuesAt + j * 4);
    });
  });
  // The next-IFD offset after the entries stays 0: there is one image.
  pixels.copy(file, stripOffset);
  return file;
}
