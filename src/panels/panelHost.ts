import type * as vscode from 'vscode';
import type { OperationId } from '../core/contract/operations';
import type { Outcome } from '../core/http/outcome';
import type { VerdictContext } from '../core/verdict';

/** A call as a panel shows it: what src/run/call.ts's CallResult holds (it is one), nothing more. */
export interface PanelCall {
  call: { operation: OperationId; body: unknown; customId?: string; source?: string; context: VerdictContext };
  outcome: Outcome;
  headline: string;
  environment?: string;
  historyId?: string;
}

/** What the panels need of the extension, handed in by main.ts (so panels import no services). */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  /** The output sinks' redactor. */
  redact(text: string): string;
  viewLogs(): void;
  copy(text: string): Thenable<void>;
  executeCommand(id: string, ...args: unknown[]): Thenable<unknown>;
  /** Asks for the current environment's key; true when one was set. */
  setKey(): Promise<boolean>;
}
