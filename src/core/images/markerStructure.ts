import { l10n } from '../l10n';
import {
  asBuffer,
  count,
  dataView,
  hexByte,
  malformed,
  pastTheEnd,
  type StepMeter,
  type StructureFault,
  truncated,
} from './structureFault';

/**
 * JPEG (ITU T.81) and WSQ share the marker syntax: 0xFF, a marker byte, then (for all but a few
 * markers) a big-endian length that counts itself. These walks follow the segments with every
 * length checked against the file, and skip entropy-coded data with Buffer.indexOf(0xFF) rather
 * than a byte loop. Every step moves forward, so the walk is linear in the file.
 */
/** The fault of a JPEG or WSQ that stops before its end-of-image marker. */
function endMissing(): StructureFault {
  return truncated(l10n.t('it ends before its end-of-image marker (an interrupted copy or download?)'));
}

const JPEG_NAMES: Record<number, string> = {
  196: 'DHT',
  200: 'JPG',
  204: 'DAC',
  218: 'SOS',
  219: 'DQT',
  220: 'DNL',
  221: 'DRI',
  222: 'DHP',
  223: 'EXP',
  254: 'COM',
};

function jpegName(marker: number): string {
  const known = JPEG_NAMES[marker];
  if (known !== undefined) return known;
  if (marker >= 0xc0 && marker <= 0xcf) return `SOF${marker - 0xc0}`;
  if (marker >= 0xe0 && marker <= 0xef) return `APP${marker - 0xe0}`;
  return `0xFF${hexByte(marker).slice(2)}`;
}

/** SOF0..SOF15; C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but are not frames. */
function isJpegFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** A segment's length field: its end, or the fault when it cannot be. `at` is the marker's 0xFF. */
function segmentEnd(data: DataView, at: number, name: string): { end: number; length: number } | StructureFault {
  const size = data.byteLength;
  if (at + 4 > size) return endMissing();
  const length = data.getUint16(at + 2);
  if (length < 2) {
    return malformed(
      l10n.t(
        'its {0} segment at offset {1} declares a length of {2}, less than the length field itself',
        name,
        count(at),
        length,
      ),
    );
  }
  if (at + 2 + length > size) {
    return truncated(
      l10n.t(
        'its {0} segment at offset {1} declares {2} bytes, {3} (an interrupted copy or download, or a wrong segment length?)',
        name,
        count(at),
        count(length),
        pastTheEnd(size),
      ),
    );
  }
  return { end: at + 2 + length, length };
}

export function jpegStructureFault(bytes: Uint8Array, meter: StepMeter): StructureFault | undefined {
  const size = bytes.length;
  const data = dataView(bytes);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return malformed(l10n.t('it does not open with a start-of-image marker'));
  let pos = 2; // past SOI
  let frame: number | undefined;
  let scanned = false;
  for (;;) {
    meter.steps++;
    if (pos >= size) return endMissing();
    if (bytes[pos] !== 0xff) {
      return malformed(
        l10n.t(
          'where a marker should be, at offset {0}, there is the byte {1} (is the length of the segment before it wrong?)',
          count(pos),
          hexByte(bytes[pos] ?? 0),
        ),
      );
    }
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos + 1 < size && bytes[pos + 1] === 0xff) {
      meter.steps++;
      pos++;
    }
    const at = pos;
    const marker = bytes[pos + 1];
    if (marker === undefined) return endMissing();
    pos += 2;
    if (marker === 0x00)
      return malformed(l10n.t('a stray 0xFF 0x00 at offset {0}, where a marker should be', count(at)));
    if (marker === 0xd8) return malformed(l10n.t('a second start-of-image marker at offset {0}', count(at)));
    if (marker === 0xd9) {
      if (!scanned) {
        return malformed(
          l10n.t(
            'its end-of-image marker at offset {0} comes before any scan (SOS): it holds no image data',
            count(at),
          ),
        );
      }
      return undefined;
    }
    // TEM and the restart markers stand alone, without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    const name = jpegName(marker);
    const segment = segmentEnd(data, at, name);
    if ('kind' in segment) return segment;
    const { end, length } = segment;
    if (isJpegFrame(marker)) {
      if (frame !== undefined) {
        return malformed(
          l10n.t(
            'a second frame header ({0}) at offset {1}; the first is at offset {2}',
            name,
            count(at),
            count(frame),
          ),
        );
      }
      const components = length >= 8 ? (bytes[at + 9] ?? 0) : 0;
      if (components === 0 || length !== 8 + 3 * components) {
        return malformed(
          l10n.t(
            'its frame header ({0}) at offset {1} is {2} bytes long, which fits no number of components',
            name,
            count(at),
            count(length),
          ),
        );
      }
      if (data.getUint16(at + 7) === 0)
        return malformed(l10n.t('its frame header ({0}) at offset {1} declares a width of 0', name, count(at)));
      frame = at;
    } else if (marker === 0xda) {
      if (frame === undefined) {
        return malformed(
          l10n.t('its scan (SOS) at offset {0} comes before the frame header (SOF): no decoder can read it', count(at)),
        );
      }
      const components = length >= 3 ? (bytes[at + 4] ?? 0) : 0;
      if (components < 1 || components > 4 || length !== 6 + 2 * components) {
        return malformed(
          l10n.t(
            'its scan header (SOS) at offset {0} is {1} bytes long, which fits no number of components',
            count(at),
            count(length),
          ),
        );
      }
      scanned = true;
      const next = skipEntropyCoded(asBuffer(bytes), end, meter);
      if (next === undefined) return endMissing();
      pos = next;
      continue;
    }
    pos = end;
  }
}

/**
 * The offset of the marker that ends a scan's entropy-coded data, or undefined when the file ends
 * first. Inside the data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker.
 */
function skipEntropyCoded(buffer: Buffer, from: number, meter: StepMeter): number | undefined {
  const size = buffer.length;
  let at = from;
  for (;;) {
    meter.steps++;
    const ff = buffer.indexOf(0xff, at);
    if (ff === -1) return undefined;
    let next = ff + 1;
    while (next < size && buffer[next] === 0xff) {
      meter.steps++;
      next++;
    }
    const marker = buffer[next];
    if (marker === undefined) return undefined;
    if (marker !== 0x00 && (marker < 0xd0 || marker > 0xd7)) return next - 1;
    at = next + 1;
  }
}

const WSQ_SOI = 0xa0;
const WSQ_EOI = 0xa1;
const WSQ_SOF = 0xa2;
const WSQ_SOB = 0xa3;
const WSQ_COM = 0xa8;
const WSQ_NAMES: Record<number, string> = { 162: 'SOF', 164: 'DTT', 165: 'DQT', 166: 'DHT', 167: 'DRT', 168: 'COM' };
const WSQ_END = Buffer.from([0xff, WSQ_EOI]);

/**
 * WSQ (FBI IAFIS-IC-0110): the segments from SOI up to the first block (SOB) are walked with
 * their lengths checked, a frame header (SOF) must come before that block, and an end-of-image
 * marker must follow it. The blocks themselves are not walked: the wavelet-coded data, and the
 * sandbox's stand-in for it, are the API's to read.
 */
export function wsqStructureFault(bytes: Uint8Array, meter: StepMeter): StructureFault | undefined {
  const size = bytes.length;
  const data = dataView(bytes);
  if (bytes[0] !== 0xff || bytes[1] !== WSQ_SOI)
    return malformed(l10n.t('it does not open with a start-of-image marker'));
  let pos = 2; // past SOI
  let frame = false;
  for (;;) {
    meter.steps++;
    if (pos + 2 > size) return endMissing();
    const marker = bytes[pos + 1] ?? 0;
    if (bytes[pos] !== 0xff || marker < WSQ_SOI || marker > WSQ_COM) {
      const found = [bytes[pos] ?? 0, marker].map(hexByte).join(' ');
      return malformed(
        l10n.t(
          'where a marker should be, at offset {0}, there are the bytes {1} (is the length of the segment before it wrong?)',
          count(pos),
          found,
        ),
      );
    }
    if (marker === WSQ_SOB) {
      if (!frame)
        return malformed(l10n.t('its first block (SOB) at offset {0} comes before the frame header (SOF)', count(pos)));
      return asBuffer(bytes).indexOf(WSQ_END, pos + 2) === -1 ? endMissing() : undefined;
    }
    if (marker === WSQ_SOI) return malformed(l10n.t('a second start-of-image marker at offset {0}', count(pos)));
    if (marker === WSQ_EOI) {
      return malformed(
        l10n.t('its end-of-image marker at offset {0} comes before any block of image data', count(pos)),
      );
    }
    const name = WSQ_NAMES[marker] ?? hexByte(marker);
    const segment = segmentEnd(data, pos, name);
    if ('kind' in segment) return segment;
    if (marker === WSQ_SOF) {
      if (frame) return malformed(l10n.t('a second frame header (SOF) at offset {0}', count(pos)));
      if (segment.length < 8) {
        return malformed(
          l10n.t(
            'its frame header (SOF) at offset {0} is {1} bytes long, too short to hold the image size',
            count(pos),
            segment.length,
          ),
        );
      }
      frame = true;
    }
    pos = segment.end;
  }
}
