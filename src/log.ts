import vscode = require('vscode');

import type { Redactor } from './core/redact';

/**
 * The one way the extension writes to its `BioPass ID` output channel. Every line passes
 * through the Redactor first, so no key or image can reach the channel by mistake.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(
    name: string,
    private readonly redactor: Redactor,
  ) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  info(message: string): void {
    this.channel.info(this.redactor.text(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.text(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${describeError(error)}`;
    this.channel.error(this.redactor.text(`${message}${detail}`));
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
