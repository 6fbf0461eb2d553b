import * as vscode from 'vscode';
import { showOutput } from './commands/showOutput';
import type { ExtensionServices } from './context';

type CommandFactory = (services: ExtensionServices) => (...args: unknown[]) => unknown;

/**
 * Every command, declared once: the key is the id after `biopassid.`, the value builds the
 * handler from the services it needs. package.json contributes the same ids (a unit test checks).
 */
export const COMMANDS = {
  showOutput,
} satisfies Record<string, CommandFactory>;

export type CommandName = keyof typeof COMMANDS;

export function commandId(name: CommandName): string {
  return `biopassid.${name}`;
}

export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([name, factory]) =>
    vscode.commands.registerCommand(commandId(name as CommandName), factory(services)),
  );
}
