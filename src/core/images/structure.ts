import type { ImageKind } from './kind';
import { jpegStructureFault, wsqStructureFault } from './markerStructure';
import { pngStructureFault } from './pngStructure';
import type { StepMeter, StructureFault } from './structureFault';
import { tiffStructureFault } from './tiffStructure';

export type { StepMeter, StructureFault } from './structureFault';

/**
 * What is wrong with the structure of an image already known (by its magic bytes) to be of this
 * kind, or undefined when it is well formed: TIFF IFDs, PNG chunks, JPEG and WSQ marker segments
 * walked with every offset and length checked against the file. It reads no pixel data, never
 * throws, and takes time linear in the file (`meter` counts the steps for tests).
 */
export function findStructureFault(
  bytes: Uint8Array,
  kind: ImageKind,
  meter: StepMeter = { steps: 0 },
): StructureFault | undefined {
  switch (kind) {
    case 'jpeg':
      return jpegStructureFault(bytes, meter);
    case 'png':
      return pngStructureFault(bytes, meter);
    case 'tiff':
      return tiffStructureFault(bytes, meter);
    case 'wsq':
      return wsqStructureFault(bytes, meter);
  }
}
