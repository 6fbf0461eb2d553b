import { readFile } from 'node:fs/promises';
import { readImageFile, toBase64 } from '../../src/core/images/read';
import { personRequest } from '../../src/core/request/build';
import { MB } from './table';

/** Ours: the checked read and the request builder the extension and the CLI send with. */
export async function oursToBytes(path: string): Promise<Buffer> {
  const image = await readImageFile(path, { maxBytes: 100 * MB });
  return Buffer.from(JSON.stringify(personRequest('bench-0001', { face: toBase64(image.bytes) })));
}

/** The floor: readFile, base64, JSON.stringify, nothing checked. */
export async function floorToBytes(path: string): Promise<Buffer> {
  const base64 = (await readFile(path)).toString('base64');
  return Buffer.from(JSON.stringify({ Person: { CustomID: 'bench-0001', Face: [{ 'Face-1': base64 }] } }));
}
