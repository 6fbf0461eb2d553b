import vscode = require('vscode');

import type { Redactor } from './core/redact';

/**
 * The one way the extension writes to its `BioPass ID` output channel. Every line passes
 * through the Redactor first, so no key or image can reach the channel by mistake: one of the
 * extension's output sinks (see src/core/redact.ts), so callers hand it raw text.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(
    name: string,
    private readonly redactor: Redactor,
  ) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Writes a line (or a block) and returns it as written, redacted. */
  info(message: string): string {
    const line = this.redactor.text(message);
    this.channel.info(line);
    return line;
  }

  warn(message: string): string {
    const line = this.redactor.text(message);
    this.channel.warn(line);
    return line;
  }

  error(message: string, error?: unknown): string {
    const detail = error === undefined ? '' : `: ${describeError(error)}`;
    const line = this.redactor.text(`${message}${detail}`);
    this.channel.error(line);
    return line;
  }

  show(preserveFocus = false): void {
    this.channel.show(preserveFocus);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
