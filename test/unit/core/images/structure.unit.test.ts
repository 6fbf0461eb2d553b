import * as assert from 'node:assert/strict';
import { crc32 } from '../../../../src/core/images/crc32';
import { readImageDimensions } from '../../../../src/core/images/dimensions';
import { imageFileProblem, structureProblem } from '../../../../src/core/images/integrity';
import type { ImageKind } from '../../../../src/core/images/kind';
import {
  sampleFaceJpeg,
  sampleFacePng,
  sampleFingerprintPng,
  sampleFingerprintTiff,
} from '../../../../src/core/images/samples';
import { encodeFakeWsq } from '../../../../src/core/sandbox/wsq';

/** The message for a file, or undefined when it passes. */
function problem(name: string, bytes: Buffer, kind: ImageKind): string | undefined {
  return structureProblem(name, bytes, kind)?.message;
}

function assertMalformed(name: string, bytes: Buffer, kind: ImageKind, message: string): void {
  const found = structureProblem(name, bytes, kind);
  assert.equal(found?.message, message);
  assert.equal(found?.fault, 'malformed');
}

function copy(bytes: Buffer, edit: (bytes: Buffer) => void): Buffer {
  const out = Buffer.from(bytes);
  edit(out);
  return out;
}

describe('structure check: TIFF', () => {
  // One IFD at offset 8 with 12 entries; its next-IFD pointer follows the entries, at 8 + 2 + 12 * 12.
  const tiff = sampleFingerprintTiff(1);
  const NEXT_IFD = 8 + 2 + 12 * 12;
  const entry = (bytes: Buffer, tag: number) => {
    for (let i = 0; i < bytes.readUInt16LE(8); i++) if (bytes.readUInt16LE(10 + i * 12) === tag) return 10 + i * 12;
    throw new Error(`no tag ${tag}`);
  };

  /** The sample rewritten big endian ("MM"): every field of the header, the IFD and its out-of-line values. */
  function bigEndian(little: Buffer): Buffer {
    const big = Buffer.from(little);
    big.write('MM', 0, 'latin1');
    big.writeUInt16BE(42, 2);
    big.writeUInt32BE(8, 4);
    const entries = little.readUInt16LE(8);
    big.writeUInt16BE(entries, 8);
    for (let i = 0; i < entries; i++) {
      const at = 10 + i * 12;
      const type = little.readUInt16LE(at + 2);
      const values = little.readUInt32LE(at + 4) * (type === 5 ? 2 : 1);
      const size = type === 3 ? 2 : 4;
      big.writeUInt16BE(little.readUInt16LE(at), at);
      big.writeUInt16BE(type, at + 2);
      big.writeUInt32BE(little.readUInt32LE(at + 4), at + 4);
      const inline = values * size <= 4;
      const from = inline ? at + 8 : little.readUInt32LE(at + 8);
      if (!inline) big.writeUInt32BE(from, at + 8);
      for (let j = 0; j < values; j++) {
        if (size === 2) big.writeUInt16BE(little.readUInt16LE(from + j * 2), from + j * 2);
        else big.writeUInt32BE(little.readUInt32LE(from + j * 4), from + j * 4);
      }
    }
    big.writeUInt32BE(0, NEXT_IFD);
    return big;
  }

  it('passes the sample, little and big endian', () => {
    assert.equal(problem('print.tif', tiff, 'tiff'), undefined);
    assert.equal(imageFileProblem('print.tif', tiff, 'finger'), undefined);
    const big = bigEndian(tiff);
    assert.equal(problem('print.tif', big, 'tiff'), undefined);
    assert.deepEqual(readImageDimensions(big), { width: 128, height: 128 }, 'read as the same image');
    assertMalformed(
      'x.tif',
      copy(big, (bytes) => bytes.writeUInt32BE(8, NEXT_IFD)),
      'tiff',
      'x.tif is a malformed TIFF: IFD at offset 8 points back to itself (a loop).',
    );
  });

  it('refuses an IFD that points back to itself', () => {
    const loop = copy(tiff, (bytes) => bytes.writeUInt32LE(8, NEXT_IFD));
    assert.equal(
      imageFileProblem('x.tif', loop, 'finger'),
      'x.tif is a malformed TIFF: IFD at offset 8 points back to itself (a loop).',
    );
  });

  it('refuses a longer loop of IFDs', () => {
    // A second IFD appended at the end (a copy of the first), pointing back at the first.
    const second = tiff.length;
    const ifd = Buffer.from(tiff.subarray(8, NEXT_IFD + 4));
    ifd.writeUInt32LE(8, ifd.length - 4);
    const loop = copy(Buffer.concat([tiff, ifd]), (bytes) => bytes.writeUInt32LE(second, NEXT_IFD));
    assertMalformed(
      'x.tif',
      loop,
      'tiff',
      `x.tif is a malformed TIFF: IFD at offset 16,558 points back to the IFD at offset 8 (a loop).`,
    );
  });

  it('refuses an IFD past the end of the file, from the header or from the IFD before', () => {
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(1_000_000, 4)),
      'tiff',
      'x.tif is a malformed TIFF: the header points at an IFD at offset 1,000,000, past the end of the file (16,558 bytes): the file is cut short, or the offset is wrong.',
    );
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(0xfffffff0, NEXT_IFD)),
      'tiff',
      'x.tif is a malformed TIFF: IFD at offset 8 points at an IFD at offset 4,294,967,280, past the end of the file (16,558 bytes): the file is cut short, or the offset is wrong.',
    );
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(4, 4)),
      'tiff',
      'x.tif is a malformed TIFF: the header points at an IFD at offset 4, inside the 8-byte header.',
    );
  });

  it('refuses an IFD that declares 65,535 entries', () => {
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt16LE(0xffff, 8)),
      'tiff',
      'x.tif is a malformed TIFF: the IFD at offset 8 declares 65,535 entries (786,426 bytes), past the end of the file (16,558 bytes).',
    );
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt16LE(0, 8)),
      'tiff',
      'x.tif is a malformed TIFF: the IFD at offset 8 has no entries.',
    );
  });

  it('refuses a strip offset past the end, and a strip that runs past it', () => {
    const stripOffsets = entry(tiff, 273) + 8;
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(10_000_000, stripOffsets)),
      'tiff',
      'x.tif is a malformed TIFF: strip 1 of 1 (IFD at offset 8) starts at offset 10,000,000, past the end of the file (16,558 bytes).',
    );
    const stripByteCounts = entry(tiff, 279) + 8;
    const lying = structureProblem(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(20_000, stripByteCounts)),
      'tiff',
    );
    assert.equal(lying?.fault, 'truncated');
    assert.match(
      lying?.message ?? '',
      /^x\.tif is a truncated TIFF: it ends inside strip 1 of 1 .*declares 20,000 bytes/,
    );
  });

  it('refuses an out-of-line value past the end of the file', () => {
    const xResolution = entry(tiff, 282) + 8;
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(16_554, xResolution)),
      'tiff',
      'x.tif is a malformed TIFF: the XResolution (tag 282) entry of the IFD at offset 8 points at 8 bytes at offset 16,554, past the end of the file (16,558 bytes).',
    );
  });

  it('refuses an image with no strips, or strip tables that disagree', () => {
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt16LE(60_000, entry(bytes, 273))),
      'tiff',
      'x.tif is a malformed TIFF: the first IFD has no StripOffsets or TileOffsets entry: it holds no image data.',
    );
    assertMalformed(
      'x.tif',
      copy(tiff, (bytes) => bytes.writeUInt32LE(2, entry(bytes, 279) + 4)),
      'tiff',
      'x.tif is a malformed TIFF: the IFD at offset 8 lists 1 strip offsets but 2 strip byte counts.',
    );
  });

  it('names a BigTIFF instead of calling it "not an image"', () => {
    const big = Buffer.from([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(
      imageFileProblem('big.tif', big, 'finger'),
      'big.tif is a BigTIFF (TIFF version 43, 64-bit offsets), which this tool does not send: save it as TIFF or PNG (a classic TIFF is version 42).',
    );
  });

  it('walks a long chain of IFDs, and stops at the cap', () => {
    // 1,100 one-entry IFDs after the image's own: each 18 bytes, each pointing at the next.
    const extra = 1100;
    const chain = Buffer.alloc(extra * 18);
    for (let i = 0; i < extra; i++) {
      const at = i * 18;
      chain.writeUInt16LE(1, at);
      chain.writeUInt16LE(305, at + 2); // Software, ASCII, 4 bytes inline
      chain.writeUInt16LE(2, at + 4);
      chain.writeUInt32LE(4, at + 6);
      chain.writeUInt32LE(i + 1 < extra ? tiff.length + at + 18 : 0, at + 14);
    }
    const long = copy(Buffer.concat([tiff, chain]), (bytes) => bytes.writeUInt32LE(tiff.length, NEXT_IFD));
    assertMalformed('x.tif', long, 'tiff', 'x.tif is a malformed TIFF: it chains more than 1,024 IFDs.');
    const fine = copy(long, (bytes) => bytes.writeUInt32LE(0, tiff.length + 500 * 18 + 14));
    assert.equal(problem('x.tif', fine, 'tiff'), undefined);
  });
});

describe('structure check: PNG', () => {
  const png = sampleFacePng(1);
  const IDAT = 33; // after the signature (8) and IHDR (8 + 13 + 4)

  function chunk(type: string, data: Buffer): Buffer {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
    return out;
  }

  it('passes the samples, and bytes after IEND', () => {
    assert.equal(problem('face.png', png, 'png'), undefined);
    assert.equal(problem('print.png', sampleFingerprintPng(1), 'png'), undefined);
    assert.equal(problem('face.png', Buffer.concat([png, Buffer.alloc(40, 0xff)]), 'png'), undefined);
  });

  it('refuses a chunk length that lies: past the end, short of the chunk, over the PNG limit', () => {
    const long = structureProblem(
      'x.png',
      copy(png, (bytes) => bytes.writeUInt32BE(bytes.readUInt32BE(IDAT) + 1000, IDAT)),
      'png',
    );
    assert.equal(long?.fault, 'truncated');
    assert.match(
      long?.message ?? '',
      /^x\.png is a truncated PNG: it ends inside its IDAT chunk at offset 33, which declares [\d,]+ bytes of data where [\d,]+ are left/,
    );
    const short = problem(
      'x.png',
      copy(png, (bytes) => bytes.writeUInt32BE(bytes.readUInt32BE(IDAT) - 7, IDAT)),
      'png',
    );
    assert.match(
      short ?? '',
      /^x\.png is a malformed PNG: the bytes at offset [\d,]+ are not a chunk: .*\(is the length of the IDAT chunk before it wrong\?\)\.$/,
    );
    assertMalformed(
      'x.png',
      copy(png, (bytes) => bytes.writeUInt32BE(0xffffffff, IDAT)),
      'png',
      'x.png is a malformed PNG: its IDAT chunk at offset 33 declares 4,294,967,295 bytes, over the PNG limit of 2,147,483,647.',
    );
  });

  it('refuses a PNG with no IEND', () => {
    const found = structureProblem('x.png', png.subarray(0, png.length - 12), 'png');
    assert.deepEqual(found, {
      fault: 'truncated',
      message: 'x.png is a truncated PNG: it ends before its IEND chunk (an interrupted copy or download?).',
    });
  });

  it('refuses IHDR not first, a second IHDR, and an IHDR of the wrong length', () => {
    const header = png.subarray(8, IDAT);
    const rest = png.subarray(IDAT);
    const signature = png.subarray(0, 8);
    const text = chunk('tEXt', Buffer.from('Comment\0synthetic', 'latin1'));
    assertMalformed(
      'x.png',
      Buffer.concat([signature, text, header, rest]),
      'png',
      'x.png is a malformed PNG: its first chunk is tEXt, not IHDR.',
    );
    assertMalformed(
      'x.png',
      Buffer.concat([signature, header, header, rest]),
      'png',
      'x.png is a malformed PNG: its IHDR chunk at offset 33 is a second IHDR.',
    );
    assertMalformed(
      'x.png',
      Buffer.concat([signature, chunk('IHDR', Buffer.concat([header.subarray(8, 21), Buffer.alloc(1)])), rest]),
      'png',
      'x.png is a malformed PNG: its IHDR chunk at offset 8 is 14 bytes long; IHDR is always 13.',
    );
  });

  it('refuses a corrupt header (its CRC) and values PNG does not allow', () => {
    assertMalformed(
      'x.png',
      copy(png, (bytes) => {
        bytes[18] = (bytes[18] ?? 0) ^ 0x01; // a bit of the width
      }),
      'png',
      'x.png is a malformed PNG: the CRC of its IHDR chunk at offset 8 does not match its contents (the chunk is corrupt).',
    );
    const fields = Buffer.from(png.subarray(16, 29));
    fields[8] = 3; // bit depth 3
    assertMalformed(
      'x.png',
      Buffer.concat([png.subarray(0, 8), chunk('IHDR', fields), png.subarray(IDAT)]),
      'png',
      'x.png is a malformed PNG: its IHDR declares bit depth 3 for colour type 6, which PNG does not allow.',
    );
  });

  it('refuses chunks out of order: no IDAT, split IDATs, an unknown critical chunk', () => {
    const head = png.subarray(0, IDAT);
    const idat = png.subarray(IDAT, png.length - 12);
    const iend = png.subarray(png.length - 12);
    const text = chunk('tEXt', Buffer.from('a\0b', 'latin1'));
    assertMalformed(
      'x.png',
      Buffer.concat([head, iend]),
      'png',
      'x.png is a malformed PNG: it has no IDAT chunk before IEND: it holds no image data.',
    );
    assertMalformed(
      'x.png',
      Buffer.concat([head, idat, text, idat, iend]),
      'png',
      `x.png is a malformed PNG: its IDAT chunk at offset ${(IDAT + idat.length + text.length).toLocaleString('en-US')} follows other chunks after the IDATs; IDATs must be consecutive.`,
    );
    assertMalformed(
      'x.png',
      Buffer.concat([head, chunk('ZZZZ', Buffer.alloc(4)), idat, iend]),
      'png',
      'x.png is a malformed PNG: its ZZZZ chunk at offset 33 is a critical chunk no decoder knows (a corrupt type, or a newer PNG feature).',
    );
    assert.equal(problem('x.png', Buffer.concat([head, text, idat, iend]), 'png'), undefined);
  });
});

describe('structure check: JPEG', () => {
  // SOI, APP0 (JFIF) at 2, DQT at 20, SOF0 at 154, DHT, SOS, scan data, EOI.
  const jpeg = sampleFaceJpeg(1);
  const DQT = 20;
  const SOF = 154;

  it('passes the sample, and bytes after EOI', () => {
    assert.equal(jpeg.readUInt16BE(DQT), 0xffdb);
    assert.equal(jpeg.readUInt16BE(SOF), 0xffc0);
    assert.equal(problem('face.jpg', jpeg, 'jpeg'), undefined);
    assert.equal(problem('face.jpg', Buffer.concat([jpeg, Buffer.from('trailer')]), 'jpeg'), undefined);
  });

  it('refuses a segment length past the end of the file', () => {
    const found = structureProblem(
      'x.jpg',
      copy(jpeg, (bytes) => bytes.writeUInt16BE(0xfff0, DQT + 2)),
      'jpeg',
    );
    assert.deepEqual(found, {
      fault: 'truncated',
      message:
        'x.jpg is a truncated JPEG: its DQT segment at offset 20 declares 65,520 bytes, past the end of the file (5,105 bytes) (an interrupted copy or download, or a wrong segment length?).',
    });
  });

  it('refuses a segment length shorter than its own field, or one that leaves stray bytes', () => {
    assertMalformed(
      'x.jpg',
      copy(jpeg, (bytes) => bytes.writeUInt16BE(1, DQT + 2)),
      'jpeg',
      'x.jpg is a malformed JPEG: its DQT segment at offset 20 declares a length of 1, less than the length field itself.',
    );
    assertMalformed(
      'x.jpg',
      copy(jpeg, (bytes) => bytes.writeUInt16BE(bytes.readUInt16BE(DQT + 2) - 1, DQT + 2)),
      'jpeg',
      'x.jpg is a malformed JPEG: where a marker should be, at offset 153, there is the byte 0x1E (is the length of the segment before it wrong?).',
    );
  });

  it('refuses a JPEG with no EOI', () => {
    assert.deepEqual(structureProblem('x.jpg', jpeg.subarray(0, jpeg.length - 2), 'jpeg'), {
      fault: 'truncated',
      message: 'x.jpg is a truncated JPEG: it ends before its end-of-image marker (an interrupted copy or download?).',
    });
  });

  it('refuses a scan (SOS) before the frame (SOF)', () => {
    const sofLength = jpeg.readUInt16BE(SOF + 2);
    const frame = jpeg.subarray(SOF, SOF + 2 + sofLength);
    // The frame header moved from before the scan to just before EOI.
    const moved = Buffer.concat([
      jpeg.subarray(0, SOF),
      jpeg.subarray(SOF + frame.length, jpeg.length - 2),
      frame,
      jpeg.subarray(jpeg.length - 2),
    ]);
    const sos = moved.indexOf(Buffer.from([0xff, 0xda]));
    assertMalformed(
      'x.jpg',
      moved,
      'jpeg',
      `x.jpg is a malformed JPEG: its scan (SOS) at offset ${sos} comes before the frame header (SOF): no decoder can read it.`,
    );
  });

  it('refuses a second frame, a frame header of the wrong length, and a second SOI', () => {
    const frame = jpeg.subarray(SOF, SOF + 2 + jpeg.readUInt16BE(SOF + 2));
    assertMalformed(
      'x.jpg',
      Buffer.concat([jpeg.subarray(0, SOF), frame, jpeg.subarray(SOF)]),
      'jpeg',
      'x.jpg is a malformed JPEG: a second frame header (SOF0) at offset 173; the first is at offset 154.',
    );
    assertMalformed(
      'x.jpg',
      copy(jpeg, (bytes) => {
        bytes[SOF + 9] = 4; // four components in a frame sized for three
      }),
      'jpeg',
      'x.jpg is a malformed JPEG: its frame header (SOF0) at offset 154 is 17 bytes long, which fits no number of components.',
    );
    assertMalformed(
      'x.jpg',
      Buffer.concat([jpeg.subarray(0, 2), jpeg]),
      'jpeg',
      'x.jpg is a malformed JPEG: a second start-of-image marker at offset 2.',
    );
  });

  it('steps over stuffed bytes, restart markers and fill bytes in the scan data', () => {
    const eoi = jpeg.length - 2;
    const extra = Buffer.from([0xff, 0x00, 0xff, 0xd0, 0xff, 0xff, 0x00, 0x12]);
    const padded = Buffer.concat([jpeg.subarray(0, eoi), extra, Buffer.from([0xff, 0xff, 0xff, 0xd9])]);
    assert.equal(problem('x.jpg', padded, 'jpeg'), undefined);
  });
});

describe('structure check: WSQ (the sandbox container)', () => {
  const wsq = encodeFakeWsq(sampleFingerprintPng(1), 128, 128, 500, 0.75);

  it('passes what the sandbox encodes', () => {
    assert.equal(problem('print.wsq', wsq, 'wsq'), undefined);
    assert.equal(imageFileProblem('print.wsq', wsq, 'wsq'), undefined);
  });

  it('refuses a missing end marker, a block before the frame, a segment past the end', () => {
    assert.equal(
      problem('x.wsq', wsq.subarray(0, wsq.length - 2), 'wsq'),
      'x.wsq is a truncated WSQ: it ends before its end-of-image marker (an interrupted copy or download?).',
    );
    const sof = wsq.indexOf(Buffer.from([0xff, 0xa2]));
    assertMalformed(
      'x.wsq',
      copy(wsq, (bytes) => {
        bytes[sof + 1] = 0xa8; // the frame header turned into a comment
      }),
      'wsq',
      `x.wsq is a malformed WSQ: its first block (SOB) at offset ${sof + 10} comes before the frame header (SOF).`,
    );
    assert.match(
      problem(
        'x.wsq',
        copy(wsq, (bytes) => bytes.writeUInt16BE(0xffff, sof + 2)),
        'wsq',
      ) ?? '',
      /^x\.wsq is a truncated WSQ: its SOF segment at offset [\d,]+ declares 65,535 bytes, past the end of the file/,
    );
  });
});
