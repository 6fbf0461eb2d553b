import { appendFile, readFile } from 'node:fs/promises';

/**
 * The scores an evaluation has, kept on disk as JSON lines so an interrupted run resumes without
 * asking for them again. A line is keyed by the SHA-256 of both image files (in sorted order),
 * the modality and the endpoint: an edited image or another service is a new comparison. It holds
 * scores only: never an image, a template or a key.
 *
 *   {"a":"<sha256>","b":"<sha256>","type":"FACE","target":"<base URL>","score":87.5}
 */
export interface JournalEntry {
  a: string;
  b: string;
  type: string;
  target: string;
  score: number;
}

export function pairKey(type: string, target: string, a: string, b: string): string {
  const [first, second] = a <= b ? [a, b] : [b, a];
  return `${type}\u0000${target}\u0000${first}\u0000${second}`;
}

/** Scores by pairKey; a missing file is an empty journal, a broken line (a cut-off write) is skipped. */
export async function readJournal(path: string): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return scores;
    throw error;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as Partial<JournalEntry>;
      if (
        typeof entry.a === 'string' &&
        typeof entry.b === 'string' &&
        typeof entry.type === 'string' &&
        typeof entry.target === 'string' &&
        typeof entry.score === 'number' &&
        Number.isFinite(entry.score)
      ) {
        scores.set(pairKey(entry.type, entry.target, entry.a, entry.b), entry.score);
      }
    } catch {
      // A line cut short by an interruption: that score is asked for again.
    }
  }
  return scores;
}

/** Appends scores in batches, so a run loses at most one batch when it is killed. */
export class JournalWriter {
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string | undefined,
    private readonly batch = 50,
  ) {}

  add(entry: JournalEntry): void {
    if (this.path === undefined) return;
    const [a, b] = entry.a <= entry.b ? [entry.a, entry.b] : [entry.b, entry.a];
    this.pending.push(JSON.stringify({ a, b, type: entry.type, target: entry.target, score: entry.score }));
    if (this.pending.length >= this.batch) void this.flush();
  }

  flush(): Promise<void> {
    const path = this.path;
    if (path === undefined || this.pending.length === 0) return this.writing;
    const lines = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.writing = this.writing.then(() => appendFile(path, lines, 'utf8'));
    return this.writing;
  }
}
