import type * as vscode from 'vscode';
import type { Config } from './config';
import type { Log } from './log';

/** What every command and feature is handed: built once in activate(), owned by the extension. */
export interface ExtensionServices {
  readonly extensionContext: vscode.ExtensionContext;
  readonly log: Log;
  readonly config: Config;
}
