/** The image formats the API takes, told apart by their first bytes. */
export type ImageKind = 'jpeg' | 'png' | 'tiff' | 'wsq';

export function detectImageKind(bytes: Uint8Array): ImageKind | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47 &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  ) {
    return 'png';
  }
  if (bytes.length >= 4) {
    const littleEndian = bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0x00;
    const bigEndian = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0x00 && bytes[3] === 0x2a;
    if (littleEndian || bigEndian) return 'tiff';
  }
  // WSQ files open with the SOI marker FFA0 followed by another marker.
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xa0 && bytes[2] === 0xff) return 'wsq';
  return undefined;
}

/** The file extension an image of each kind is saved under (with its dot): one table for all. */
export const IMAGE_FILE_EXTENSIONS: Readonly<Record<ImageKind, string>> = {
  jpeg: '.jpg',
  png: '.png',
  tiff: '.tif',
  wsq: '.wsq',
};
