import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lines held in memory before they go to the spool file. */
const CHUNK_BYTES = 1 << 20;

/**
 * Journal records written while the preflight runs, before the journal may be written to (a run
 * that turns out invalid writes no journal): the planned record of each person, with its image
 * digests, sizes and times. They wait in a file of their own, not in memory (100,000 persons'
 * records are about 25 MB), and go into the journal, in order, once the run starts.
 */
export class RecordSpool {
  private chunk: string[] = [];
  private chunkBytes = 0;
  private dir: string | undefined;
  private fd: number | undefined;

  add(record: object): void {
    const line = `${JSON.stringify(record)}\n`;
    this.chunk.push(line);
    this.chunkBytes += line.length;
    if (this.chunkBytes >= CHUNK_BYTES) this.spill();
  }

  /**
   * Hands every record, in order, to `write` (whole lines, in chunks of about 1 MB), then empties
   * the spool. The bytes are lent for the call only: the next chunk is read into the same buffer.
   */
  drain(write: (bytes: Buffer) => void): void {
    if (this.fd !== undefined) {
      this.spill();
      // One buffer for the whole drain, the line cut short at a chunk's end moved to its start:
      // a new buffer a chunk left 100,000 persons' 30 MB of garbage outside the heap, which the
      // collector did not count, at the run's peak of memory.
      let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      let position = 0;
      let kept = 0;
      for (;;) {
        if (kept === buffer.length) {
          // A line longer than the buffer: room for it.
          const larger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(larger);
          buffer = larger;
        }
        const count = readSync(this.fd, buffer, kept, buffer.length - kept, position);
        if (count === 0) break;
        position += count;
        const filled = kept + count;
        // A chunk ends at its last line break, so every write is of whole lines.
        const end = buffer.lastIndexOf(0x0a, filled - 1) + 1;
        if (end > 0) write(buffer.subarray(0, end));
        buffer.copyWithin(0, end, filled);
        kept = filled - end;
      }
      if (kept > 0) write(buffer.subarray(0, kept));
    } else if (this.chunk.length > 0) {
      write(Buffer.from(this.chunk.join(''), 'utf8'));
    }
    this.dispose();
  }

  /** Removes the spool file, if there is one. */
  dispose(): void {
    this.chunk = [];
    this.chunkBytes = 0;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private spill(): void {
    if (this.chunk.length === 0) return;
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'biopassid-bulk-'));
      this.fd = openSync(join(this.dir, 'planned.jsonl'), 'w+', 0o600);
    }
    const bytes = Buffer.from(this.chunk.join(''), 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    this.chunk = [];
    this.chunkBytes = 0;
  }
}
