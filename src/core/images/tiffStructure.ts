import { l10n } from '../l10n';
import {
  count,
  dataView,
  malformed,
  pastTheEnd,
  type StepMeter,
  type StructureFault,
  truncated,
} from './structureFault';

/**
 * Walks a classic TIFF (TIFF 6.0, version 42): the header, the chain of IFDs, every entry's
 * out-of-line values and every strip or tile, each checked against the file's size. A TIFF has
 * no end marker, so these offsets are all there is to tell a sound file from a broken one.
 *
 * Bounds: IFD offsets already seen end the walk as a loop; the IFDs together may not hold more
 * entries than the file has room for, nor list more strips or tiles than it has bytes for
 * (twelve bytes an entry, two a value: so overlapping IFDs cannot multiply the work); at most
 * MAX_IFDS IFDs. Every step reads a fixed number of bytes, so the walk is linear in the file.
 */
const MAX_IFDS = 1024;

/** Bytes a value of each field type takes (TIFF 6.0 section 2, types 1-12, and 13 IFD from the Adobe notes). */
const TYPE_SIZES: readonly number[] = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];
const SHORT = 3;
const LONG = 4;

const IMAGE_WIDTH = 256;
const IMAGE_LENGTH = 257;
const STRIP_OFFSETS = 273;
const STRIP_BYTE_COUNTS = 279;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;

/** The entries the walk reads the values of: the image's size and where its data is. */
const WANTED_TAGS = new Set([
  IMAGE_WIDTH,
  IMAGE_LENGTH,
  STRIP_OFFSETS,
  STRIP_BYTE_COUNTS,
  TILE_OFFSETS,
  TILE_BYTE_COUNTS,
]);

const TAG_NAMES: Record<number, string> = {
  256: 'ImageWidth',
  257: 'ImageLength',
  258: 'BitsPerSample',
  259: 'Compression',
  262: 'PhotometricInterpretation',
  270: 'ImageDescription',
  273: 'StripOffsets',
  277: 'SamplesPerPixel',
  278: 'RowsPerStrip',
  279: 'StripByteCounts',
  282: 'XResolution',
  283: 'YResolution',
  296: 'ResolutionUnit',
  305: 'Software',
  320: 'ColorMap',
  324: 'TileOffsets',
  325: 'TileByteCounts',
  700: 'XMP',
  33723: 'IPTC',
  34377: 'Photoshop',
  34665: 'ExifIFD',
  34675: 'ICCProfile',
};

function tagName(tag: number): string {
  const name = TAG_NAMES[tag];
  return name === undefined ? l10n.t('tag {0}', tag) : l10n.t('{0} (tag {1})', name, tag);
}

/** Where an entry's values are: their type, how many, and the offset of the first. */
interface Values {
  tag: number;
  type: number;
  count: number;
  at: number;
}

interface Budget {
  entries: number;
  values: number;
}

export function tiffStructureFault(bytes: Uint8Array, meter: StepMeter): StructureFault | undefined {
  const size = bytes.length;
  if (size < 8) return truncated(l10n.t('it ends inside its 8-byte header (an interrupted copy or download?)'));
  const data = dataView(bytes);
  const order = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return malformed(l10n.t('its byte-order mark is not II or MM'));
  const little = order === 'II';
  const version = data.getUint16(2, little);
  if (version === 43) return malformed(l10n.t('it is a BigTIFF (version 43), which this tool does not read'));
  if (version !== 42) return malformed(l10n.t('its version is {0}, not 42', version));
  const budget: Budget = { entries: Math.floor(size / 12), values: Math.floor(size / 2) };
  const visited = new Set<number>();
  let previous: number | undefined;
  // Where the chain came from, named only for a fault: the header, or the IFD before.
  const from = () => (previous === undefined ? l10n.t('the header') : l10n.t('IFD at offset {0}', count(previous)));
  let offset = data.getUint32(4, little);
  if (offset === 0) return malformed(l10n.t('its header points at no IFD (offset 0): it holds no image'));
  for (let index = 0; offset !== 0; index++) {
    meter.steps++;
    if (offset === previous)
      return malformed(l10n.t('IFD at offset {0} points back to itself (a loop)', count(offset)));
    if (visited.has(offset)) {
      return malformed(l10n.t('{0} points back to the IFD at offset {1} (a loop)', from(), count(offset)));
    }
    if (index === MAX_IFDS) return malformed(l10n.t('it chains more than {0} IFDs', count(MAX_IFDS)));
    if (offset < 8)
      return malformed(l10n.t('{0} points at an IFD at offset {1}, inside the 8-byte header', from(), offset));
    if (offset + 2 > size) {
      return malformed(
        l10n.t(
          '{0} points at an IFD at offset {1}, {2}: the file is cut short, or the offset is wrong',
          from(),
          count(offset),
          pastTheEnd(size),
        ),
      );
    }
    visited.add(offset);
    const fault = ifdFault(bytes, data, little, offset, index === 0, budget, meter);
    if (fault) return fault;
    previous = offset;
    offset = data.getUint32(offset + 2 + data.getUint16(offset, little) * 12, little);
  }
  return undefined;
}

function ifdFault(
  bytes: Uint8Array,
  data: DataView,
  little: boolean,
  offset: number,
  first: boolean,
  budget: Budget,
  meter: StepMeter,
): StructureFault | undefined {
  const size = bytes.length;
  const where = () => l10n.t('IFD at offset {0}', count(offset));
  const entries = data.getUint16(offset, little);
  if (entries === 0) return malformed(l10n.t('the {0} has no entries', where()));
  const end = offset + 2 + entries * 12 + 4;
  if (end > size) {
    return malformed(
      l10n.t(
        'the {0} declares {1} entries ({2} bytes), {3}',
        where(),
        count(entries),
        count(end - offset),
        pastTheEnd(size),
      ),
    );
  }
  budget.entries -= entries;
  if (budget.entries < 0)
    return malformed(l10n.t('its IFDs overlap: they hold more entries than the file has room for'));

  const wanted = new Map<number, Values>();
  for (let i = 0; i < entries; i++) {
    meter.steps++;
    const entry = offset + 2 + i * 12;
    const tag = data.getUint16(entry, little);
    const type = data.getUint16(entry + 2, little);
    const valueCount = data.getUint32(entry + 4, little);
    // Readers skip entries of a type they do not know (TIFF 6.0 section 2): their size is unknown too.
    const typeSize = TYPE_SIZES[type] ?? 0;
    if (typeSize === 0) continue;
    const length = valueCount * typeSize;
    const at = length <= 4 ? entry + 8 : data.getUint32(entry + 8, little);
    if (length > 4 && at + length > size) {
      return malformed(
        l10n.t(
          'the {0} entry of the {1} points at {2} bytes at offset {3}, {4}',
          tagName(tag),
          where(),
          count(length),
          count(at),
          pastTheEnd(size),
        ),
      );
    }
    if (WANTED_TAGS.has(tag)) {
      wanted.set(tag, { tag, type, count: valueCount, at });
    }
  }

  if (first) {
    for (const tag of [IMAGE_WIDTH, IMAGE_LENGTH]) {
      if (!wanted.has(tag)) return malformed(l10n.t('the first IFD has no {0} entry', tagName(tag)));
    }
    if (!wanted.has(STRIP_OFFSETS) && !wanted.has(TILE_OFFSETS)) {
      return malformed(l10n.t('the first IFD has no StripOffsets or TileOffsets entry: it holds no image data'));
    }
  }
  return (
    imageDataFault(data, little, where, wanted, STRIPS, budget, meter) ??
    imageDataFault(data, little, where, wanted, TILES, budget, meter)
  );
}

interface Pieces {
  offsetsTag: number;
  countsTag: number;
  piece: 'strip' | 'tile';
}

const STRIPS: Pieces = { offsetsTag: STRIP_OFFSETS, countsTag: STRIP_BYTE_COUNTS, piece: 'strip' };
const TILES: Pieces = { offsetsTag: TILE_OFFSETS, countsTag: TILE_BYTE_COUNTS, piece: 'tile' };

/** Each strip (or tile) the IFD lists lies inside the file. */
function imageDataFault(
  data: DataView,
  little: boolean,
  where: () => string,
  wanted: ReadonlyMap<number, Values>,
  { offsetsTag, countsTag, piece }: Pieces,
  budget: Budget,
  meter: StepMeter,
): StructureFault | undefined {
  const size = data.byteLength;
  const offsets = wanted.get(offsetsTag);
  if (offsets === undefined) return undefined;
  const counts = wanted.get(countsTag);
  for (const values of counts === undefined ? [offsets] : [offsets, counts]) {
    if (values.type !== SHORT && values.type !== LONG) {
      return malformed(
        l10n.t(
          'the {0} entry of the {1} has field type {2}; it must be SHORT or LONG',
          tagName(values.tag),
          where(),
          values.type,
        ),
      );
    }
  }
  if (offsets.count === 0)
    return malformed(l10n.t('the {0} entry of the {1} lists no {2}s', tagName(offsetsTag), where(), piece));
  if (counts !== undefined && counts.count !== offsets.count) {
    return malformed(
      l10n.t(
        'the {0} lists {1} {2} offsets but {3} {2} byte counts',
        where(),
        count(offsets.count),
        piece,
        count(counts.count),
      ),
    );
  }
  budget.values -= offsets.count;
  if (budget.values < 0) return malformed(l10n.t('its IFDs list more {0}s than the file has room for', piece));
  const read = (values: Values, i: number) =>
    values.type === SHORT ? data.getUint16(values.at + i * 2, little) : data.getUint32(values.at + i * 4, little);
  for (let i = 0; i < offsets.count; i++) {
    meter.steps++;
    const start = read(offsets, i);
    const length = counts === undefined ? 0 : read(counts, i);
    // Built only for a fault: a TIFF may list thousands of strips.
    const name = () => l10n.t('{0} {1} of {2} ({3})', piece, count(i + 1), count(offsets.count), where());
    if (start > size || (start === size && length > 0)) {
      return malformed(l10n.t('{0} starts at offset {1}, {2}', name(), count(start), pastTheEnd(size)));
    }
    if (start + length > size) {
      const lengths = TAG_NAMES[countsTag] ?? l10n.t('byte count');
      return truncated(
        l10n.t(
          'it ends inside {0}, which declares {1} bytes from offset {2}, but the file ends at {3} (an interrupted copy or download, or a wrong {4}?)',
          name(),
          count(length),
          count(start),
          count(size),
          lengths,
        ),
      );
    }
  }
  return undefined;
}
