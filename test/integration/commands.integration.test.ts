import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, type CommandName, commandId } from '../../src/commands';
import { activateExtension, EXTENSION_ID } from '../support/extension';

describe('the command table (real extension host)', () => {
  it('registers exactly the commands package.json contributes, no more, no fewer', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[])
      .map(({ command }) => command)
      .sort();
    // VS Code adds `<view id>.focus` and friends for each contributed view: those are not ours.
    const views = Object.values(extension.packageJSON.contributes.views ?? {})
      .flat()
      .map((view) => (view as { id: string }).id);
    const isViewCommand = (id: string) => views.some((view) => id.startsWith(`${view}.`));
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('biopassid.') && !isViewCommand(id))
      .sort();
    assert.deepEqual(registered, contributed);
    // Activation registers the contributed ids; each must have a handler in the rest of the extension.
    assert.deepEqual((Object.keys(COMMANDS) as CommandName[]).map(commandId).sort(), contributed);
  });
});
