import type { FetchLike } from '../core/http';

/** What the CLI touches of the outside world, so tests can run it in-process too. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Overrides the HTTP transport (tests); by default undici with the environment's proxy. */
  fetch?: FetchLike;
  /** Resolves when the user asks a long-running command (sandbox) to stop. */
  waitForStop?: () => Promise<void>;
  /** stderr is a terminal: long runs (bulk) draw a progress line there instead of plain lines. */
  stderrIsTerminal?: boolean;
  /** Reads all of standard input (from-curl). */
  readStdin?: () => Promise<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes, documented in `biopassid --help`. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  negative: 3,
} as const;
