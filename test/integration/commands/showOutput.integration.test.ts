import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from '../../support/extension';

describe('BioPass ID: Show Output (real extension host)', () => {
  it('is registered under the biopassid prefix when the extension activates', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('biopassid.showOutput'));
  });

  it('opens the BioPass ID output channel with the activation line and the environment', async () => {
    await vscode.commands.executeCommand('biopassid.showOutput');
    const channel = await waitFor('the BioPass ID output document', () =>
      vscode.workspace.textDocuments.find(
        (document) => document.uri.scheme === 'output' && document.uri.path.includes('BioPass ID'),
      ),
    );
    const text = await waitFor('the activation line', () => {
      const content = channel.getText();
      return content.includes('activated') ? content : undefined;
    });
    assert.match(
      text,
      /BioPass ID 0\.1\.0 activated\. Environment: homologation \(https:\/\/hml-api\.biopassid\.com\)/,
    );
  });

  it('logs the new environment when the setting changes', async () => {
    const settings = vscode.workspace.getConfiguration('biopassid');
    await settings.update('environment', 'production', vscode.ConfigurationTarget.Global);
    try {
      const channel = await waitFor('the BioPass ID output document', () =>
        vscode.workspace.textDocuments.find(
          (document) => document.uri.scheme === 'output' && document.uri.path.includes('BioPass ID'),
        ),
      );
      await waitFor('the environment change line', () =>
        channel.getText().includes('Environment: production (https://api.biopassid.com)') ? true : undefined,
      );
    } finally {
      await settings.update('environment', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
