import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { waitFor } from '../../support/extension';
import { useSandboxSession } from '../../support/sandboxSession';
import { setSetting } from '../../support/workbench';
import { closeAllEditors, encoder } from '../requests/helpers';

const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const face = (file: string) => [{ 'Face-1': { $file: file } }];

function flow(verdictOther: 'match' | 'no match') {
  return {
    name: `flow expecting ${verdictOther}`,
    variables: { customId: 'it-{{run.id}}' },
    steps: [
      { name: 'enroll', operation: 'enroll', body: { Person: { CustomID: '{{customId}}', Face: face('alice.jpg') } } },
      {
        name: 'same',
        operation: 'verify',
        body: { Person: { CustomID: '{{customId}}', Face: face('alice.jpg') } },
        expect: { verdict: 'match' },
      },
      {
        name: 'other',
        operation: 'verify',
        body: { Person: { CustomID: '{{customId}}', Face: face('bob.jpg') } },
        expect: { verdict: verdictOther },
      },
    ],
    teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{customId}}' } } }],
  };
}

describe('scenarios: Test Explorer, Run CodeLens, diagnostics (real extension host)', function () {
  this.timeout(60_000);
  const session = useSandboxSession();

  async function scenarioFile(name: string, content: unknown) {
    await session.folder.write('alice.jpg', sampleFaceJpeg(0));
    await session.folder.write('bob.jpg', sampleFaceJpeg(1));
    return session.folder.write(name, encoder.encode(typeof content === 'string' ? content : text(content)));
  }

  /** The Test Explorer's items under a file, as `label` lines indented by depth. */
  function tree(uri: vscode.Uri): string[] {
    const item = session.services.scenarios.controller.items.get(uri.toString());
    const lines: string[] = [];
    const visit = (node: vscode.TestItem, depth: number) => {
      lines.push(`${'  '.repeat(depth)}${node.label}`);
      const children: vscode.TestItem[] = [];
      node.children.forEach((child) => {
        children.push(child);
      });
      children.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      for (const child of children) visit(child, depth + 1);
    };
    if (item) visit(item, 0);
    return lines;
  }

  afterEach(() => closeAllEditors());

  it('discovers a new scenario file in the workspace: file -> scenario -> steps, data rows as their own level', async () => {
    const uri = await scenarioFile('discover.biopass-test.json', flow('no match'));
    const label = vscode.workspace.asRelativePath(uri);
    await waitFor('the file in the Test Explorer', () => (tree(uri).length > 0 ? true : undefined));
    assert.deepEqual(tree(uri), [
      label,
      '  flow expecting no match',
      '    enroll',
      '    same',
      '    other',
      '    delete (teardown)',
    ]);
    await session.folder.write('people.csv', encoder.encode('id\nann\nben\n'));
    const rows = await scenarioFile('rows.biopass-test.json', {
      name: 'rows',
      data: { csv: 'people.csv' },
      steps: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{row.id}}' } } }],
    });
    await waitFor('the rows in the Test Explorer', () => (tree(rows).length > 2 ? true : undefined));
    assert.deepEqual(tree(rows), [
      vscode.workspace.asRelativePath(rows),
      '  rows',
      '    row 1 (ann)',
      '      delete',
      '    row 2 (ben)',
      '      delete',
    ]);
  });

  it('runs a scenario against the sandbox: each step passes with a duration; teardown deleted the person', async () => {
    const uri = await scenarioFile('pass.biopass-test.json', flow('no match'));
    await vscode.commands.executeCommand('biopassid.runScenario', uri);
    const { reported, results } = session.services.scenarios.lastRun;
    const finals = reported.filter((entry) => entry.state !== 'started');
    assert.deepEqual(
      finals.map((entry) => [entry.id.split('#')[1], entry.state]),
      [
        ['0/steps/0', 'passed'],
        ['0/steps/1', 'passed'],
        ['0/steps/2', 'passed'],
        ['0/teardown/0', 'passed'],
      ],
    );
    assert.ok(finals.every((entry) => typeof entry.durationMs === 'number' && entry.durationMs >= 0));
    assert.equal(results[0]?.passed, true);
    assert.deepEqual(
      session.sandbox.requestLog.map((entry) => `${entry.operation} ${entry.status}`),
      ['enroll 200', 'verify 200', 'verify 200', 'delete 200'],
    );
  });

  it('a failed expectation is reported at its line in the scenario file, with its message', async () => {
    const uri = await scenarioFile('fail.biopass-test.json', flow('match'));
    await vscode.commands.executeCommand('biopassid.runScenario', uri);
    const failed = session.services.scenarios.lastRun.reported.find((entry) => entry.state === 'failed');
    assert.equal(failed?.message, 'expected "match", got "no match"');
    const document = await vscode.workspace.openTextDocument(uri);
    const verdictLines = document
      .getText()
      .split('\n')
      .map((line, index) => (line.includes('"verdict": "match"') ? index : -1))
      .filter((index) => index >= 0);
    assert.equal(failed?.line, verdictLines[1], 'at the second step\'s "verdict"');
    const states = session.services.scenarios.lastRun.reported
      .filter((entry) => entry.state !== 'started')
      .map((entry) => entry.state);
    assert.deepEqual(states, ['passed', 'passed', 'failed', 'passed']);
  });

  it('the Run CodeLens sits above "steps" and runs the file', async () => {
    const uri = await scenarioFile('lens.biopass-test.json', flow('no match'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const run = lenses.filter((lens) => lens.command?.command === 'biopassid.runScenario');
    assert.equal(run.length, 1);
    assert.equal(run[0]?.command?.title, '$(play) Run Scenario');
    assert.equal(document.lineAt(run[0]?.range.start.line ?? 0).text.trim(), '"steps": [');
    await vscode.commands.executeCommand(run[0]?.command?.command ?? '', ...(run[0]?.command?.arguments ?? []));
    assert.equal(session.services.scenarios.lastRun.results[0]?.passed, true);
  });

  it('diagnostics of its own: an undefined variable, a missing request file, an impossible expectation', async () => {
    const uri = await scenarioFile('problems.biopass-test.json', {
      steps: [
        {
          name: 'a',
          operation: 'liveness',
          body: { Spoof: { Image: { $file: 'alice.jpg' } } },
          expect: { verdict: 'match' },
        },
        { name: 'b', request: 'none.enroll.biopass.json', with: { Person: { CustomID: '{{nothing}}' } } },
      ],
    });
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitFor('the scenario diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'BioPass ID');
      return found.length >= 3 ? found : undefined;
    });
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code).sort(), [
      'missing-request-file',
      'undefined-variable',
      'unproducible-expectation',
    ]);
    const undefinedVariable = diagnostics.find((diagnostic) => diagnostic.code === 'undefined-variable');
    assert.equal(document.getText(undefinedVariable?.range), '{{nothing}}');
  });

  it('completes {{variables}} inside a string, and a hover says what one holds', async () => {
    const uri = await scenarioFile('complete.biopass-test.json', flow('no match'));
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document
      .getText()
      .split('\n')
      .findIndex((each) => each.includes('"CustomID": "{{customId}}"'));
    const character = document.lineAt(line).text.indexOf('{{customId}}') + 2;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(line, character),
    );
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const expected of ['run.id', 'customId', 'enroll.Person.BioPassID'])
      assert.ok(labels.includes(expected), `${expected} in ${labels.join(', ')}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, character),
    );
    const hoverText = hovers
      .flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value)))
      .join('\n');
    // Markdown-escaped as VS Code renders it (1.100 also escapes the hyphen): `{{customId}}`, then
    // `variable: it-{{run.id}}`.
    assert.match(hoverText, /\{\{customId\}\}[\s\S]*variable:(&nbsp;| )it\\?-\\?\{\\?\{run\.id/);
  });

  it('a run against production asks first, and sends nothing when the answer is no', async () => {
    const uri = await scenarioFile('prod.biopass-test.json', flow('no match'));
    await setSetting('environment', 'production');
    await vscode.commands.executeCommand('biopassid.runScenario', uri);
    assert.match(session.user.confirms.at(-1)?.message ?? '', /^Run "flow expecting no match" on PRODUCTION\?/);
    assert.deepEqual(session.services.scenarios.lastRun.results, []);
  });
});
