import { l10n } from '../l10n';
/**
 * What a structure walk found wrong with an image. "truncated": the file ends before its own
 * structure does (a chunk, segment or scan runs on past the last byte, or the end marker is
 * missing), which is what an interrupted copy or download leaves. "malformed": the structure
 * contradicts itself (a loop, an offset outside the file, a length that cannot be, parts out of order).
 */
export interface StructureFault {
  kind: 'truncated' | 'malformed';
  /** What is wrong, as the clause after "x.tif is a malformed TIFF: ". */
  detail: string;
}

/**
 * Counts a walk's steps (a chunk, a segment, an IFD entry, a strip, one search through scan
 * data), so tests can hold every walk to a bound linear in the file's size.
 */
export interface StepMeter {
  steps: number;
}

export function truncated(detail: string): StructureFault {
  return { kind: 'truncated', detail };
}

export function malformed(detail: string): StructureFault {
  return { kind: 'malformed', detail };
}

/** 65535 -> "65,535", without depending on the runtime's locale data. */
export function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "past the end of the file (16,566 bytes)" */
export function pastTheEnd(size: number): string {
  return l10n.t('past the end of the file ({0} bytes)', count(size));
}

export function hexByte(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
}

export function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
