import { randomBytes } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { drawSyntheticFingerprint } from '../../src/core/images/fingerprint';
import { encodeJpeg } from '../../src/core/images/jpeg';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../src/core/images/samples';
import { drawSyntheticFace } from '../../src/core/images/synthetic';
import { encodeTiff } from '../../src/core/images/tiff';

/**
 * Canary sweeps: a distinctive fake key and distinctive synthetic images are used everywhere,
 * then every place a user could see or a file could keep is searched for them, whole or in
 * pieces. A piece long enough to be recognised is a leak, however it got cut.
 */

/** A secret to look for. */
export interface Canary {
  /** How a leak names it: "the canary key", "the canary face" (then "(base64)" or "(raw bytes)"). */
  readonly label: string;
  readonly value: string;
  /** Length of the pieces searched for: a substring this long of `value` is a leak (see distinctivePieces). */
  readonly piece: number;
  /** The characters `value` is written with, as a regular-expression class body (e.g. `A-Za-z0-9+/`). */
  readonly alphabet: string;
  /**
   * Texts made the same way, whose runs say nothing about this secret: JPEGs of one encoder share
   * headers and tables, synthetic drawings share backgrounds. See distinctivePieces.
   */
  readonly commonWith?: readonly string[];
  /** The raw bytes behind `value`, to find binary copies in files as well. */
  readonly bytes?: Uint8Array;
}

export interface Leak {
  readonly where: string;
  readonly what: string;
  /** Around the first piece found, for the failure message. */
  readonly excerpt: string;
}

export interface TreeOptions {
  /** Only files modified at or after this time (ms since the epoch). */
  readonly since?: number;
  /** Files written on purpose (the user's own request file holding base64, the image itself). */
  readonly exclude?: (path: string) => boolean;
  /** Larger files are listed as skipped instead of read. */
  readonly maxBytes?: number;
}

const RAW_SLICE_BYTES = 32;
const RAW_SLICES = 16;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function piecesOf(text: string, length: number): Set<string> {
  const pieces = new Set<string>();
  for (let start = 0; start + length <= text.length; start++) pieces.add(text.slice(start, start + length));
  return pieces;
}

/**
 * Up to RAW_SLICES slices of the bytes that none of the common byte strings holds, from the
 * middle half: far from headers and trailers, which files of one encoder share.
 */
function distinctiveSlices(bytes: Buffer, common: readonly Buffer[]): Buffer[] {
  const slices: Buffer[] = [];
  const from = Math.floor(bytes.length / 4);
  const to = Math.floor((bytes.length * 3) / 4);
  const step = Math.max(1, Math.floor((to - from) / (RAW_SLICES * 2)));
  for (let start = from; start + RAW_SLICE_BYTES <= to && slices.length < RAW_SLICES; start += step) {
    const slice = bytes.subarray(start, start + RAW_SLICE_BYTES);
    if (common.every((other) => !other.includes(slice))) slices.push(slice);
  }
  return slices;
}

interface PreparedCanary {
  readonly canary: Canary;
  readonly pieces: ReadonlySet<string>;
  /** Every substring of `anchorLength` characters of a piece. */
  readonly anchors: ReadonlySet<string>;
  readonly anchorLength: number;
  /** Which ASCII characters belong to the canary's alphabet. */
  readonly alphabet: Uint8Array;
  readonly slices: readonly Buffer[];
}

function alphabetTable(alphabet: string): Uint8Array {
  const member = new RegExp(`[${alphabet}]`);
  return Uint8Array.from({ length: 128 }, (_, code) => (member.test(String.fromCharCode(code)) ? 1 : 0));
}

/** Runs this long that another image also has mark what a canary shares with it. */
const SHARED_RUN = 16;

/**
 * The pieces of a canary that betray it: at least half of each piece is the canary's own, in no
 * run of SHARED_RUN characters that one of `commonWith` also holds (headers, tables, backgrounds).
 */
function distinctivePieces(canary: Canary): Set<string> {
  const { value, piece } = canary;
  const probe = Math.min(SHARED_RUN, piece);
  const shared = new Set<string>();
  for (const other of canary.commonWith ?? []) for (const run of piecesOf(other, probe)) shared.add(run);
  const owned = new Uint8Array(value.length).fill(1);
  for (let start = 0; start + probe <= value.length; start++) {
    if (shared.has(value.slice(start, start + probe))) owned.fill(0, start, start + probe);
  }
  const ownedBefore = new Uint32Array(value.length + 1);
  for (let index = 0; index < value.length; index++)
    ownedBefore[index + 1] = (ownedBefore[index] ?? 0) + (owned[index] ?? 0);
  const pieces = new Set<string>();
  for (let start = 0; start + piece <= value.length; start++) {
    const own = (ownedBefore[start + piece] ?? 0) - (ownedBefore[start] ?? 0);
    if (own * 2 >= piece) pieces.add(value.slice(start, start + piece));
  }
  return pieces;
}

function prepare(canary: Canary): PreparedCanary {
  const pieces = distinctivePieces(canary);
  if (pieces.size === 0) throw new Error(`${canary.label} has no piece that other texts do not share`);
  const common = canary.commonWith ?? [];
  const anchorLength = Math.max(1, Math.floor(canary.piece / 2));
  const anchors = new Set<string>();
  for (const piece of pieces) for (const anchor of piecesOf(piece, anchorLength)) anchors.add(anchor);
  const bytes = canary.bytes ? Buffer.from(canary.bytes) : undefined;
  return {
    canary,
    pieces,
    anchors,
    anchorLength,
    alphabet: alphabetTable(canary.alphabet),
    slices: bytes
      ? distinctiveSlices(
          bytes,
          common.map((other) => Buffer.from(other, 'base64')),
        )
      : [],
  };
}

/**
 * Where a piece of the canary starts in text[start, end), a run of its alphabet, if anywhere.
 * Only every anchorLength-th position is looked up: a piece found there is at least twice as
 * long, so one of those positions falls inside it with a whole anchor after it. Linear in the
 * run, and no regular expression: a run of tens of megabytes (a huge image) must not overflow
 * the regular-expression stack.
 */
function searchRun(prepared: PreparedCanary, text: string, start: number, end: number): number | undefined {
  const { pieces, anchors, anchorLength } = prepared;
  const length = prepared.canary.piece;
  if (end - start < length) return undefined;
  for (let anchor = start; anchor + anchorLength <= end; anchor += anchorLength) {
    if (!anchors.has(text.slice(anchor, anchor + anchorLength))) continue;
    const last = Math.min(anchor, end - length);
    for (let at = Math.max(start, anchor + anchorLength - length); at <= last; at++) {
      if (pieces.has(text.slice(at, at + length))) return at;
    }
  }
  return undefined;
}

export class LeakScanner {
  readonly leaks: Leak[] = [];
  /** Places that could not be read, with the reason: a sweep reports what it did not see. */
  readonly skipped: string[] = [];
  /** Every place read, so a test can check the sweep saw what it meant to. */
  readonly scanned: string[] = [];
  private readonly prepared: PreparedCanary[];

  constructor(canaries: readonly Canary[]) {
    this.prepared = canaries.map(prepare);
  }

  /** The first canary piece in text, if any: which canary and where. */
  find(text: string): { label: string; index: number } | undefined {
    for (const prepared of this.prepared) {
      let runStart = -1;
      for (let index = 0; index <= text.length; index++) {
        const code = index < text.length ? text.charCodeAt(index) : 128;
        if (code < 128 && prepared.alphabet[code] === 1) {
          if (runStart < 0) runStart = index;
          continue;
        }
        if (runStart < 0) continue;
        const at = searchRun(prepared, text, runStart, index);
        runStart = -1;
        if (at === undefined) continue;
        const { canary } = prepared;
        return { label: canary.bytes ? `${canary.label} (base64)` : canary.label, index: at };
      }
    }
    return undefined;
  }

  /** Records a leak when text holds a piece of a canary. */
  scanText(where: string, text: string): void {
    this.scanned.push(where);
    const found = this.find(text);
    if (found) this.leaks.push({ where, what: found.label, excerpt: excerpt(text, found.index) });
  }

  /** Reads one file (as text and as bytes) and records what it leaks. */
  scanFile(path: string, maxBytes = DEFAULT_MAX_BYTES): void {
    let bytes: Buffer;
    try {
      const size = statSync(path).size;
      if (size > maxBytes) {
        this.skipped.push(`${path}: ${size} bytes, over the ${maxBytes}-byte limit of the sweep`);
        return;
      }
      bytes = readFileSync(path);
    } catch (error) {
      this.skipped.push(`${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    // latin1 maps every byte to one character, so base64 and keys stay intact in binary files too.
    const text = bytes.toString('latin1');
    this.scanText(path, text);
    for (const { canary, slices } of this.prepared) {
      const slice = slices.find((candidate) => bytes.includes(candidate));
      if (slice) {
        const index = bytes.indexOf(slice);
        this.leaks.push({ where: path, what: `${canary.label} (raw bytes)`, excerpt: `at byte ${index}` });
      }
    }
  }

  /** Every regular file under root (symbolic links are not followed), optionally only recent ones. */
  scanTree(root: string, options: TreeOptions = {}): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(root, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.skipped.push(`${root}/: ${code ?? String(error)}`);
      return;
    }
    for (const entry of entries) {
      const path = join(root, entry.name);
      if (options.exclude?.(path)) continue;
      if (entry.isDirectory()) {
        this.scanTree(path, options);
        continue;
      }
      if (!entry.isFile()) continue;
      if (options.since !== undefined) {
        try {
          if (statSync(path).mtimeMs < options.since) continue;
        } catch {
          continue; // removed while the sweep ran
        }
      }
      this.scanFile(path, options.maxBytes);
    }
  }

  /** One line per leak: where, what, and the text around it. */
  report(): string[] {
    return this.leaks.map((leak) => `${leak.what} in ${leak.where}: …${leak.excerpt}…`);
  }
}

function excerpt(text: string, index: number): string {
  return text
    .slice(Math.max(0, index - 40), index + 60)
    .replace(/[^\x20-\x7e]/g, '.')
    .trim();
}

const BASE64_ALPHABET = 'A-Za-z0-9+/';
const KEY_ALPHABET = 'A-Za-z0-9-';
/** 40 base64 characters are 30 bytes of an image: no accident. */
export const BASE64_PIECE = 40;
/**
 * The key's pieces are shorter: a key is short, and 16 of its random hex characters are as
 * unmistakable. The mask shows the last four characters on purpose, fewer than a piece.
 */
export const KEY_PIECE = 16;

/** The canaries of one sweep: a fake key, a synthetic face and a fingerprint, all random. */
export interface CanarySet {
  readonly key: string;
  readonly face: Buffer;
  readonly fingerprint: Buffer;
  readonly canaries: readonly Canary[];
}

/** The synthetic drawings the canaries start from: variants no other test uses. */
const FACE_VARIANT = 7919;
const FINGERPRINT_VARIANT = 7907;
const FACE_SIZE = 160;
const FINGERPRINT_SIZE = 128;
/** Strong enough to survive JPEG quantisation: no two 8×8 blocks of two canaries come out alike. */
const NOISE = 24;

/**
 * Random noise over a drawing: synthetic images of the same encoder share long runs of bytes
 * (flat backgrounds, same-coloured blocks), so a canary must carry randomness of its own to be
 * told apart from every other test image, including ones written long after this sweep.
 */
function withNoise(rgba: Uint8Array): Uint8Array {
  const noise = randomBytes(rgba.length);
  return rgba.map((value, index) =>
    index % 4 === 3 ? value : Math.min(255, Math.max(0, value + ((noise[index] ?? 0) % (2 * NOISE + 1)) - NOISE)),
  );
}

function noisyFace(): Buffer {
  return encodeJpeg(FACE_SIZE, FACE_SIZE, withNoise(drawSyntheticFace({ size: FACE_SIZE, variant: FACE_VARIANT })));
}

function noisyFingerprint(): Buffer {
  const drawing = drawSyntheticFingerprint({ size: FINGERPRINT_SIZE, variant: FINGERPRINT_VARIANT });
  return encodeTiff(FINGERPRINT_SIZE, FINGERPRINT_SIZE, withNoise(drawing), { grayscale: true });
}

export function makeCanaries(): CanarySet {
  const key = `bpk-CANARY-${randomBytes(24).toString('hex')}`;
  const face = noisyFace();
  const fingerprint = noisyFingerprint();
  // Other images of the same encoders, noisy or not: what they share with the canaries
  // (headers, tables fitted to noise, plain backgrounds) proves nothing.
  const otherFaces = [sampleFaceJpeg(0), sampleFaceJpeg(FACE_VARIANT), noisyFace(), noisyFace()];
  const otherPrints = [
    sampleFingerprintTiff(0),
    sampleFingerprintTiff(FINGERPRINT_VARIANT),
    noisyFingerprint(),
    noisyFingerprint(),
  ];
  return {
    key,
    face,
    fingerprint,
    canaries: [
      { label: 'the canary key', value: key, piece: KEY_PIECE, alphabet: KEY_ALPHABET },
      {
        label: 'the canary face',
        value: face.toString('base64'),
        piece: BASE64_PIECE,
        alphabet: BASE64_ALPHABET,
        commonWith: otherFaces.map((other) => other.toString('base64')),
        bytes: face,
      },
      {
        label: 'the canary fingerprint',
        value: fingerprint.toString('base64'),
        piece: BASE64_PIECE,
        alphabet: BASE64_ALPHABET,
        commonWith: otherPrints.map((other) => other.toString('base64')),
        bytes: fingerprint,
      },
    ],
  };
}
