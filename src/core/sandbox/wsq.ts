import { decodeStrictBase64 } from '../base64';
import { probeImage } from './probe';
import { jsonReply, type Reply } from './reply';

/**
 * A fake WSQ container. Real WSQ is a wavelet codec the sandbox has no reason to implement; what
 * clients need is a blob that looks like WSQ (it opens with SOI FFA0 and a COM segment FFA8, and
 * has a frame header FFA2 from which the width and height can be read) and that decode turns back
 * into the image that was encoded. So the "compressed" block is the original image, verbatim,
 * after a four-byte length. No real WSQ decoder can read it, and the COM text says so.
 */
const SOI = 0xa0;
const EOI = 0xa1;
const SOF = 0xa2;
const SOB = 0xa3;
const COM = 0xa8;
const SIGNATURE = 'BioPass ID sandbox fake WSQ: the block holds the original image, not a WSQ codestream.';

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

export function encodeFakeWsq(image: Buffer, width: number, height: number, ppi: number, compression: number): Buffer {
  const frame = Buffer.alloc(6);
  frame[0] = 0; // black
  frame[1] = 255; // white
  frame.writeUInt16BE(height, 2);
  frame.writeUInt16BE(width, 4);
  const blockLength = Buffer.alloc(4);
  blockLength.writeUInt32BE(image.length);
  return Buffer.concat([
    Buffer.from([0xff, SOI]),
    segment(COM, Buffer.from(`${SIGNATURE} PPI=${ppi} Compression=${compression}`, 'latin1')),
    segment(SOF, frame),
    Buffer.from([0xff, SOB]),
    blockLength,
    image,
    Buffer.from([0xff, EOI]),
  ]);
}

/** The image inside a container written by encodeFakeWsq; undefined for anything else, real WSQ included. */
export function decodeFakeWsq(bytes: Buffer): Buffer | undefined {
  if (bytes.length < 8 || bytes[0] !== 0xff || bytes[1] !== SOI || bytes[2] !== 0xff || bytes[3] !== COM) {
    return undefined;
  }
  const commentEnd = 4 + bytes.readUInt16BE(4);
  if (!bytes.subarray(6, commentEnd).toString('latin1').startsWith(SIGNATURE)) return undefined;
  if (bytes[commentEnd] !== 0xff || bytes[commentEnd + 1] !== SOF || commentEnd + 4 > bytes.length) return undefined;
  const blockStart = commentEnd + 2 + bytes.readUInt16BE(commentEnd + 2);
  if (bytes[blockStart] !== 0xff || bytes[blockStart + 1] !== SOB || blockStart + 6 > bytes.length) return undefined;
  const imageLength = bytes.readUInt32BE(blockStart + 2);
  const imageStart = blockStart + 6;
  const imageEnd = imageStart + imageLength;
  if (imageEnd + 2 !== bytes.length || bytes[imageEnd] !== 0xff || bytes[imageEnd + 1] !== EOI) return undefined;
  return bytes.subarray(imageStart, imageEnd);
}

/** The largest side the frame header's two-byte fields can hold. */
const MAX_WSQ_SIDE = 0xffff;

/**
 * Encode and decode report an unusable input in-band (their own `Success` flag), which the
 * response shape suggests is how the service does it; `Image` is then empty.
 */
export function wsqEncode(body: { Encode: { Image: string; Compression: number; PPI: number } }): Reply {
  const probe = probeImage(body.Encode.Image);
  const size = probe.ok ? probe.image.dimensions : undefined;
  if (
    !probe.ok ||
    probe.image.kind === 'wsq' ||
    size === undefined ||
    Math.max(size.width, size.height) > MAX_WSQ_SIDE
  ) {
    return jsonReply({ Encode: { Success: false, Image: '' } });
  }
  const wsq = encodeFakeWsq(probe.image.bytes, size.width, size.height, body.Encode.PPI, body.Encode.Compression);
  return jsonReply({ Encode: { Success: true, Image: wsq.toString('base64') } });
}

export function wsqDecode(body: { Decode: { Wsq: string } }): Reply {
  const bytes = decodeStrictBase64(body.Decode.Wsq);
  const image = bytes === undefined ? undefined : decodeFakeWsq(bytes);
  return jsonReply({ Decode: { Success: image !== undefined, Image: image?.toString('base64') ?? '' } });
}
