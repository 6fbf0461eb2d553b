import { l10n } from '../l10n';
import { crc32 } from './crc32';
import { count, dataView, hexByte, malformed, type StepMeter, type StructureFault, truncated } from './structureFault';

/**
 * Walks a PNG's chunks from the signature to IEND: each length fits the file and the PNG limit,
 * each type is four letters, IHDR comes first (13 bytes, values PNG allows), PLTE before the
 * IDATs, the IDATs consecutive, no critical chunk a decoder does not know, IEND last. Bytes after
 * IEND are ignored, as decoders do.
 *
 * CRCs are checked for IHDR, PLTE and IEND: a few dozen bytes, where a flipped bit changes what
 * the image is. IDAT's CRC is not: it would mean hashing the whole file (about 4 ms a MB with a
 * table in JavaScript, where the walk takes microseconds; zlib.crc32 is not in every host's Node),
 * and the zlib stream inside carries its own Adler-32 that the API's decoder checks. Ancillary chunks are not either: decoders drop one with a bad CRC and go on.
 *
 * Each chunk is at least 12 bytes and the walk only moves forward, so it takes at most one step
 * per 12 bytes of the file.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_LENGTH = 0x7fffffff;

/** Bit depths each colour type allows (PNG section 11.2.2). */
const BIT_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

export function pngStructureFault(bytes: Uint8Array, meter: StepMeter): StructureFault | undefined {
  const size = bytes.length;
  const data = dataView(bytes);
  if (size < 8 || !SIGNATURE.every((byte, i) => bytes[i] === byte))
    return malformed(l10n.t('its 8-byte signature is damaged'));
  let pos = 8;
  let previous: string | undefined;
  let colourType = -1;
  let palette = false;
  let idat: 'none' | 'open' | 'closed' = 'none';
  for (;;) {
    meter.steps++;
    if (pos === size) {
      return truncated(
        previous === undefined
          ? l10n.t('it ends after its signature, before its IHDR chunk (an interrupted copy or download?)')
          : l10n.t('it ends before its IEND chunk (an interrupted copy or download?)'),
      );
    }
    if (pos + 8 > size)
      return truncated(
        l10n.t('it ends inside the header of the chunk at offset {0} (an interrupted copy or download?)', count(pos)),
      );
    const length = data.getUint32(pos);
    const typeBytes = [0, 1, 2, 3].map((i) => bytes[pos + 4 + i] ?? 0);
    if (!typeBytes.every(isLetter)) {
      const shown = typeBytes.map(hexByte).join(' ');
      const hint = previous === undefined ? '' : l10n.t(' (is the length of the {0} chunk before it wrong?)', previous);
      return malformed(
        l10n.t('the bytes at offset {0} are not a chunk: its type {1} is not four letters{2}', count(pos), shown, hint),
      );
    }
    const type = String.fromCharCode(...typeBytes);
    // Built only for a fault: most chunks are fine.
    const at = () => l10n.t('its {0} chunk at offset {1}', type, count(pos));
    if (previous === undefined && type !== 'IHDR') return malformed(l10n.t('its first chunk is {0}, not IHDR', type));
    if (length > MAX_LENGTH) {
      return malformed(
        l10n.t('{0} declares {1} bytes, over the PNG limit of {2}', at(), count(length), count(MAX_LENGTH)),
      );
    }
    const end = pos + 12 + length;
    if (end > size) {
      const there = Math.max(0, size - pos - 8);
      return truncated(
        l10n.t(
          'it ends inside {0}, which declares {1} bytes of data where {2} are left (an interrupted copy or download, or a wrong chunk length?)',
          at(),
          count(length),
          count(there),
        ),
      );
    }
    const critical = (typeBytes[0] ?? 0) < 0x61;
    if (critical && type !== 'IDAT' && crc32(bytes, pos + 4, pos + 8 + length) !== data.getUint32(pos + 8 + length)) {
      return malformed(l10n.t('the CRC of {0} does not match its contents (the chunk is corrupt)', at()));
    }
    if (idat === 'open' && type !== 'IDAT') idat = 'closed';
    switch (type) {
      case 'IHDR': {
        if (previous !== undefined) return malformed(l10n.t('{0} is a second IHDR', at()));
        if (length !== 13) return malformed(l10n.t('{0} is {1} bytes long; IHDR is always 13', at(), count(length)));
        const fault = headerFault(bytes, data, pos + 8);
        if (fault) return fault;
        colourType = bytes[pos + 17] ?? -1;
        break;
      }
      case 'PLTE':
        if (idat !== 'none')
          return malformed(l10n.t('{0} comes after the image data (IDAT); PLTE must come before', at()));
        if (length === 0 || length % 3 !== 0 || length > 768) {
          return malformed(l10n.t('{0} is {1} bytes long, not 1 to 256 three-byte entries', at(), count(length)));
        }
        palette = true;
        break;
      case 'IDAT':
        if (idat === 'closed')
          return malformed(l10n.t('{0} follows other chunks after the IDATs; IDATs must be consecutive', at()));
        idat = 'open';
        break;
      case 'IEND':
        if (length !== 0) return malformed(l10n.t('{0} is {1} bytes long; IEND is always empty', at(), count(length)));
        if (idat === 'none') return malformed(l10n.t('it has no IDAT chunk before IEND: it holds no image data'));
        if (colourType === 3 && !palette)
          return malformed(l10n.t('it is a palette image (colour type 3) with no PLTE chunk'));
        return undefined;
      default:
        if (critical) {
          return malformed(
            l10n.t('{0} is a critical chunk no decoder knows (a corrupt type, or a newer PNG feature)', at()),
          );
        }
    }
    previous = type;
    pos = end;
  }
}

/** IHDR's fields: width, height, bit depth, colour type, compression, filter, interlace. */
function headerFault(bytes: Uint8Array, data: DataView, at: number): StructureFault | undefined {
  const width = data.getUint32(at);
  const height = data.getUint32(at + 4);
  if (width === 0 || height === 0 || width > MAX_LENGTH || height > MAX_LENGTH) {
    return malformed(
      l10n.t(
        'its IHDR declares {0}×{1} pixels; each side must be 1 to {2}',
        count(width),
        count(height),
        count(MAX_LENGTH),
      ),
    );
  }
  const depth = bytes[at + 8] ?? 0;
  const colourType = bytes[at + 9] ?? 0;
  const depths = BIT_DEPTHS[colourType];
  if (depths === undefined)
    return malformed(l10n.t('its IHDR declares colour type {0}, which PNG does not define', colourType));
  if (!depths.includes(depth)) {
    return malformed(
      l10n.t('its IHDR declares bit depth {0} for colour type {1}, which PNG does not allow', depth, colourType),
    );
  }
  if (bytes[at + 10] !== 0 || bytes[at + 11] !== 0) {
    return malformed(
      l10n.t('its IHDR declares a compression or filter method other than 0, the only ones PNG defines'),
    );
  }
  if ((bytes[at + 12] ?? 0) > 1)
    return malformed(l10n.t('its IHDR declares interlace method {0}, not 0 or 1', bytes[at + 12] ?? 0));
  return undefined;
}
