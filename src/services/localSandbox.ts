import vscode = require('vscode');

import type { Sandbox } from '../core/sandbox';
import type { Log } from '../log';

/** The core's sandbox server, run inside the extension host on a free loopback port. */
export class LocalSandbox implements vscode.Disposable {
  private running: Promise<Sandbox> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  current: Sandbox | undefined;

  constructor(private readonly log: Log) {}

  /** Starts the sandbox if it is not running; concurrent callers share one start. */
  start(): Promise<Sandbox> {
    // Loaded on first start: the shipped build keeps the sandbox in dist/sandbox.js (see scripts/build.mjs).
    this.running ??= import('../core/sandbox/index.js')
      .then(({ startSandbox }) => startSandbox())
      .then(
        (sandbox) => {
          this.current = sandbox;
          this.log.info(`Local sandbox listening on ${sandbox.url}`);
          this.changed.fire();
          return sandbox;
        },
        (error: unknown) => {
          this.running = undefined;
          throw error;
        },
      );
    return this.running;
  }

  async stop(): Promise<boolean> {
    const sandbox = this.current;
    if (!sandbox) return false;
    this.current = undefined;
    this.running = undefined;
    await sandbox.close();
    this.log.info('Local sandbox stopped; its persons are gone.');
    this.changed.fire();
    return true;
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
