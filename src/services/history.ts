import type * as vscode from 'vscode';
import type { OperationId } from '../core/contract/operations';
import type { EnvironmentId } from '../core/environments';
import type { Redactor } from '../core/redact';
import type { SentFrom } from '../core/results/fromHistory';

/** One request, metadata only: never a body, a key or an image. */
export interface HistoryEntry {
  id: string;
  time: string;
  operation: OperationId;
  environment: EnvironmentId;
  customId?: string;
  /** The image or request file's name, without its folder. */
  source?: string;
  status?: number;
  /** success, invalid-key, timeout…: what kind of outcome it was. */
  outcome: string;
  latencyMs: number;
  bioPassId?: string;
  /** The one-line verdict or failure summary (redacted when added). */
  verdict: string;
  /** Where its images were read from (a path, never the images), so it can be sent again. */
  sentFrom?: SentFrom;
}

const STATE_KEY = 'biopassid.history';

/**
 * The request history, newest first, in the extension's global state, capped at a size the user
 * sets. The full log block of each request of this session is kept in memory only, so the
 * history can re-open it; entries of earlier sessions re-open as their metadata.
 */
export class RequestHistory {
  private readonly blocks = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly capacity: () => number,
    private readonly redactor: Redactor,
  ) {}

  /** Called after every add and clear (the sidebar's Persons and History views follow it). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  entries(): HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(STATE_KEY, []);
  }

  /**
   * Records a request. An output sink (see src/core/redact.ts): every text of the entry is
   * redacted here; the log block is kept as the Log wrote it, which redacted it.
   */
  async add(entry: HistoryEntry, logBlock: string): Promise<void> {
    const capacity = Math.max(0, this.capacity());
    this.blocks.set(entry.id, logBlock);
    const redacted = { ...entry };
    for (const field of ['customId', 'source', 'bioPassId', 'verdict'] as const) {
      const text = entry[field];
      if (text !== undefined) redacted[field] = this.redactor.text(text);
    }
    if (entry.sentFrom) redacted.sentFrom = { ...entry.sentFrom, uri: this.redactor.text(entry.sentFrom.uri) };
    const kept = [redacted, ...this.entries()].slice(0, capacity);
    for (const id of this.blocks.keys()) if (!kept.some((item) => item.id === id)) this.blocks.delete(id);
    await this.state.update(STATE_KEY, kept);
    this.changed();
  }

  find(id: string): HistoryEntry | undefined {
    return this.entries().find((entry) => entry.id === id);
  }

  logBlock(id: string): string | undefined {
    return this.blocks.get(id);
  }

  async clear(): Promise<void> {
    this.blocks.clear();
    await this.state.update(STATE_KEY, []);
    this.changed();
  }
}
