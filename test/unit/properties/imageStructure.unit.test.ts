import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeJpeg } from '../../../src/core/images/jpeg';
import { encodePng } from '../../../src/core/images/png';
import { findStructureFault, type StructureFault } from '../../../src/core/images/structure';
import { encodeTiff } from '../../../src/core/images/tiff';
import { encodeFakeWsq } from '../../../src/core/sandbox/wsq';

const SEED = 0x5eed_0013;

type Kind = 'jpeg' | 'png' | 'tiff';

interface Sample {
  kind: Kind;
  bytes: Buffer;
  label: string;
}

/** Pixels from a seed: a gradient with noise, so JPEG and PNG see both smooth areas and detail. */
function pixels(width: number, height: number, seed: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < width * height; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const x = i % width;
    const y = Math.floor(i / width);
    rgba[i * 4] = (x * 7 + (state & 0x1f)) & 0xff;
    rgba[i * 4 + 1] = (y * 5 + ((state >>> 8) & 0x3f)) & 0xff;
    rgba[i * 4 + 2] = (state >>> 16) & 0xff;
    rgba[i * 4 + 3] = (state >>> 24) & 0xff;
  }
  return rgba;
}

/** An image from the project's encoders: any kind, random size, content, quality and sample layout. */
const wellFormed: fc.Arbitrary<Sample> = fc
  .record({
    kind: fc.constantFrom<Kind>('jpeg', 'png', 'tiff'),
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    quality: fc.integer({ min: 1, max: 100 }),
    grayscale: fc.boolean(),
  })
  .map(({ kind, width, height, seed, quality, grayscale }) => {
    const rgba = pixels(width, height, seed);
    const bytes =
      kind === 'jpeg'
        ? encodeJpeg(width, height, rgba, quality)
        : kind === 'png'
          ? encodePng(width, height, rgba)
          : encodeTiff(width, height, rgba, { grayscale });
    return { kind, bytes, label: `${kind} ${width}×${height} seed ${seed}` };
  });

/** A length or offset field of a well-formed image: where it is and how wide. */
interface Field {
  at: number;
  width: 2 | 4;
  littleEndian: boolean;
}

/** The length and offset fields of an image from the encoders, found by a plain walk of it. */
function fieldsOf({ kind, bytes }: Sample): Field[] {
  const fields: Field[] = [];
  if (kind === 'png') {
    for (let pos = 8; pos + 8 <= bytes.length; pos += 12 + bytes.readUInt32BE(pos)) {
      fields.push({ at: pos, width: 4, littleEndian: false });
    }
  } else if (kind === 'jpeg') {
    for (let pos = 2; pos + 4 <= bytes.length; ) {
      const marker = bytes[pos + 1] ?? 0;
      fields.push({ at: pos + 2, width: 2, littleEndian: false });
      if (marker === 0xda) break;
      pos += 2 + bytes.readUInt16BE(pos + 2);
    }
  } else {
    const ifd = bytes.readUInt32LE(4);
    fields.push({ at: 4, width: 4, littleEndian: true }, { at: ifd, width: 2, littleEndian: true });
    const entries = bytes.readUInt16LE(ifd);
    for (let i = 0; i < entries; i++) {
      const entry = ifd + 2 + i * 12;
      fields.push({ at: entry + 4, width: 4, littleEndian: true }, { at: entry + 8, width: 4, littleEndian: true });
    }
    fields.push({ at: ifd + 2 + entries * 12, width: 4, littleEndian: true });
  }
  return fields;
}

function read(bytes: Buffer, { at, width, littleEndian }: Field): number {
  if (width === 2) return littleEndian ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at);
  return littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
}

function write(bytes: Buffer, { at, width, littleEndian }: Field, value: number): void {
  if (width === 2) littleEndian ? bytes.writeUInt16LE(value, at) : bytes.writeUInt16BE(value, at);
  else littleEndian ? bytes.writeUInt32LE(value, at) : bytes.writeUInt32BE(value, at);
}

interface Corrupted {
  sample: Sample;
  what: string;
  bytes: Buffer;
}

/** A lie for a field: 0, 1, the largest value, a random one, or the truth give or take a little. */
function lie(field: Field, truth: number): fc.Arbitrary<number> {
  const max = field.width === 2 ? 0xffff : 0xffffffff;
  return fc.oneof(
    fc.constantFrom(0, 1, max),
    fc.integer({ min: 0, max }),
    fc.integer({ min: -16, max: 16 }).map((delta) => Math.min(max, Math.max(0, truth + delta))),
  );
}

const corrupted: fc.Arbitrary<Corrupted> = wellFormed.chain((sample) => {
  const { bytes } = sample;
  const last = bytes.length - 1;
  const truncation = fc
    .integer({ min: 0, max: last })
    .map((keep) => ({ sample, what: `cut to ${keep} bytes`, bytes: bytes.subarray(0, keep) }));
  const flips = fc
    .array(fc.tuple(fc.integer({ min: 0, max: last }), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 })
    .map((list) => {
      const out = Buffer.from(bytes);
      for (const [at, bit] of list) out[at] = (out[at] ?? 0) ^ (1 << bit);
      return { sample, what: `bits flipped at ${JSON.stringify(list)}`, bytes: out };
    });
  const lying = fc.constantFrom(...fieldsOf(sample)).chain((field) =>
    lie(field, read(bytes, field)).map((value) => {
      const out = Buffer.from(bytes);
      write(out, field, value);
      return { sample, what: `${value} written at ${field.at}`, bytes: out };
    }),
  );
  return fc.oneof(truncation, flips, lying);
});

/**
 * Looser oracles, written apart from the checker: what any reader needs to find its way through
 * the file. They ask less than the checker, so whatever it accepts, they must accept too.
 */
function looselySound(kind: Kind, bytes: Buffer): boolean {
  if (kind === 'png') return pngSound(bytes);
  if (kind === 'jpeg') return jpegSound(bytes);
  return tiffSound(bytes);
}

function pngSound(bytes: Buffer): boolean {
  let first = true;
  for (let pos = 8; pos + 8 <= bytes.length; first = false) {
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const next = pos + 12 + bytes.readUInt32BE(pos);
    if (next > bytes.length || (first && type !== 'IHDR')) return false;
    if (type === 'IEND') return true;
    pos = next;
  }
  return false;
}

function jpegSound(bytes: Buffer): boolean {
  let pos = 2;
  let frame = false;
  let scan = false;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) return false;
    while (bytes[pos] === 0xff) pos++;
    const marker = bytes[pos++];
    if (marker === undefined || marker === 0x00 || marker === 0xd8) return false;
    if (marker === 0xd9) return scan;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (pos + 2 > bytes.length) return false;
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) return false;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    pos += length;
    if (marker !== 0xda) continue;
    if (!frame) return false;
    scan = true;
    // Entropy-coded data, a byte at a time: it ends at a 0xFF not followed by 0x00 or a restart marker.
    for (;;) {
      if (pos >= bytes.length) return false;
      if (bytes[pos] !== 0xff) {
        pos++;
        continue;
      }
      let next = pos + 1;
      while (bytes[next] === 0xff) next++;
      const after = bytes[next];
      if (after === undefined) return false;
      if (after === 0x00 || (after >= 0xd0 && after <= 0xd7)) {
        pos = next + 1;
        continue;
      }
      pos = next - 1;
      break;
    }
  }
  return false;
}

function tiffSound(bytes: Buffer): boolean {
  if (bytes.length < 8) return false;
  const little = bytes.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const seen = new Set<number>();
  let first = true;
  for (let ifd = u32(4); ifd !== 0; first = false) {
    if (seen.has(ifd) || ifd + 2 > bytes.length) return false;
    seen.add(ifd);
    const entries = u16(ifd);
    const next = ifd + 2 + entries * 12;
    if (next + 4 > bytes.length) return false;
    const arrays = new Map<number, number[]>();
    for (let entry = ifd + 2; entry < next; entry += 12) {
      const tag = u16(entry);
      const type = u16(entry + 2);
      // Only the strip tables, and only as SHORT or LONG: whatever else is there, a reader may skip.
      if ((tag !== 273 && tag !== 279) || (type !== 3 && type !== 4)) continue;
      const count = u32(entry + 4);
      const size = type === 3 ? 2 : 4;
      const at = count * size <= 4 ? entry + 8 : u32(entry + 8);
      if (at + count * size > bytes.length) return false;
      const values: number[] = [];
      for (let i = 0; i < count; i++) values.push(type === 3 ? u16(at + i * size) : u32(at + i * size));
      arrays.set(tag, values);
    }
    const offsets = arrays.get(273);
    const counts = arrays.get(279) ?? [];
    if (first && offsets === undefined) return false;
    for (const [i, offset] of (offsets ?? []).entries()) if (offset + (counts[i] ?? 0) > bytes.length) return false;
    ifd = u32(next);
  }
  return true;
}

/** Runs the checker with its step meter; fails the property if it throws or takes more than linear steps. */
function check(kind: Kind | 'wsq', bytes: Buffer): StructureFault | undefined {
  const meter = { steps: 0 };
  const fault = findStructureFault(bytes, kind, meter);
  assert.ok(meter.steps <= bytes.length + 16, `${meter.steps} steps for ${bytes.length} bytes`);
  if (fault !== undefined) {
    assert.ok(fault.kind === 'truncated' || fault.kind === 'malformed');
    assert.ok(fault.detail.length > 0);
  }
  return fault;
}

describe('properties: image structure check', () => {
  it('accepts every image the project encodes, of any size', () => {
    fc.assert(
      fc.property(wellFormed, ({ kind, bytes, label }) => {
        assert.equal(check(kind, bytes), undefined, label);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('on corrupted images (cut, bits flipped, lying lengths) never throws, stays linear, and accepts only sound ones', () => {
    fc.assert(
      fc.property(corrupted, ({ sample, what, bytes }) => {
        const fault = check(sample.kind, bytes);
        if (fault === undefined) {
          assert.ok(looselySound(sample.kind, bytes), `${sample.label}, ${what}: accepted, but not sound`);
        }
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('refuses an image cut at every offset', () => {
    for (const kind of ['jpeg', 'png', 'tiff'] as const) {
      const sample = fc.sample(
        wellFormed.filter((each) => each.kind === kind),
        { numRuns: 1, seed: SEED },
      )[0];
      assert.ok(sample);
      for (let keep = 0; keep < sample.bytes.length; keep++) {
        const fault = check(kind, sample.bytes.subarray(0, keep));
        assert.ok(fault, `${sample.label} cut to ${keep} of ${sample.bytes.length} bytes was accepted`);
      }
    }
  });

  it('never throws and stays linear on any bytes behind each magic number', () => {
    const magic = {
      jpeg: [0xff, 0xd8, 0xff],
      png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      tiff: [0x49, 0x49, 0x2a, 0x00],
      wsq: [0xff, 0xa0, 0xff],
    } as const;
    const chunky = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 16 }),
        fc.constantFrom(...[0x00, 0x08, 0xff, 0xd9, 0xda, 0xc0, 0xa2, 0xa3].map((byte) => Uint8Array.of(byte))),
        fc.constantFrom('IHDR', 'IDAT', 'IEND').map((type) => Buffer.from(type, 'latin1')),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(magic) as (keyof typeof magic)[])), chunky, (kind, parts) => {
        check(kind, Buffer.concat([Buffer.from(magic[kind]), ...parts]));
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it('accepts the sandbox WSQ and refuses it cut anywhere before its end marker, in linear steps', () => {
    const inner = encodePng(12, 9, pixels(12, 9, 7));
    const wsq = encodeFakeWsq(inner, 12, 9, 500, 0.75);
    assert.equal(check('wsq', wsq), undefined);
    for (let keep = 0; keep < wsq.length; keep++) {
      // The block is the inner image verbatim; a cut is only sure to be seen when no 0xFF 0xA1 precedes it.
      const fault = check('wsq', wsq.subarray(0, keep));
      if (wsq.subarray(0, keep).indexOf(Buffer.from([0xff, 0xa1]), 2) === -1) assert.ok(fault, `cut to ${keep}`);
    }
  });
});
