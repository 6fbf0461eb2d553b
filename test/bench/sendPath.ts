import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImageFile, toBase64 } from '../../src/core/images/read';
import { personRequest } from '../../src/core/request/build';
import { imageOfSize } from './inputs';
import { medianMsAsync } from './measure';
import { MB, row } from './table';

/** Image file -> request bytes, against the bare readFile + base64 + JSON.stringify floor. */
export async function sendPath(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bpid-bench-'));
  try {
    for (const [label, bytes] of [
      ['100 KB', 100 * 1024],
      ['5 MB', 5 * MB],
      ['30 MB', 30 * MB],
    ] as const) {
      const path = join(dir, `${label.replace(' ', '')}.jpg`);
      writeFileSync(path, imageOfSize(bytes));
      const ours = await medianMsAsync(async () => {
        const image = await readImageFile(path, { maxBytes: 100 * MB });
        Buffer.from(JSON.stringify(personRequest('bench-0001', { face: toBase64(image.bytes) })));
      });
      const floor = await medianMsAsync(async () => {
        const base64 = (await readFile(path)).toString('base64');
        Buffer.from(JSON.stringify({ Person: { CustomID: 'bench-0001', Face: [{ 'Face-1': base64 }] } }));
      });
      row(`image file -> request bytes, ${label}`, ours, floor, 'ms', 'ratio <= 1.5', ours / floor <= 1.5);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
