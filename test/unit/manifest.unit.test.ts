import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}
interface ContributedSetting {
  scope?: string;
  description?: string;
  markdownDescription?: string;
}

function placeholders(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...text.matchAll(/"%([\w.-]+)%"/g)].map((match) => match[1] as string);
}

describe('the extension manifest', () => {
  it('identifies the extension as the issue and marketplace expect', () => {
    assert.equal(manifest.name, 'biopassid-vscode');
    assert.equal(manifest.displayName, 'BioPass ID');
    assert.equal(manifest.version, '0.1.0');
    assert.equal(manifest.license, 'MIT');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0', '@types/vscode is pinned to the minimum');
  });

  it('activates only through what it contributes (no *, no onStartupFinished)', () => {
    for (const event of manifest.activationEvents as string[]) {
      assert.ok(event !== '*' && event !== 'onStartupFinished', event);
    }
  });

  it('declares limited support for untrusted and virtual workspaces, with reasons', () => {
    for (const capability of ['untrustedWorkspaces', 'virtualWorkspaces']) {
      assert.equal(manifest.capabilities[capability].supported, 'limited');
      assert.ok(manifest.capabilities[capability].description);
    }
  });

  it('names commands biopassid.<verbNoun> in the BioPass ID category, titled from package.nls.json', () => {
    const commands = manifest.contributes.commands as ContributedCommand[];
    assert.ok(commands.length > 0);
    for (const command of commands) {
      assert.match(command.command, /^biopassid\.[a-z]+[A-Z][A-Za-z0-9]*$/);
      assert.equal(command.category, 'BioPass ID', command.command);
      assert.match(command.title, /^%[\w.]+%$/, `${command.command} title is not localisable`);
    }
  });

  it('keeps every setting under biopassid.* with an explicit scope and a description', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, ContributedSetting>;
    for (const [key, setting] of Object.entries(properties)) {
      assert.match(key, /^biopassid\.\w+/);
      assert.ok(setting.scope, `${key} has no scope`);
      assert.ok(setting.markdownDescription ?? setting.description, `${key} has no description`);
    }
  });

  it('has a string in package.nls.json for every placeholder, and no unused strings', () => {
    const used = new Set(placeholders(manifest));
    const missing = [...used].filter((key) => !(key in nls));
    const unused = Object.keys(nls).filter((key) => !used.has(key));
    assert.deepEqual(missing, []);
    assert.deepEqual(unused, []);
  });

  it('gives every walkthrough step a page that exists, in English and in Brazilian Portuguese', () => {
    const ptBr: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.pt-br.json'), 'utf8'));
    const steps = (manifest.contributes.walkthroughs as { steps: { id: string; media: Record<string, string> }[] }[])
      .flatMap((walkthrough) => walkthrough.steps)
      .filter((step) => step.media.markdown !== undefined);
    assert.ok(steps.length >= 4, 'the walkthrough has its pages');
    for (const step of steps) {
      const key = /^%([\w.-]+)%$/.exec(step.media.markdown as string)?.[1];
      assert.ok(key, `${step.id}: the page is named in package.nls.json, so that each language has its own`);
      const english = nls[key] as string;
      const portuguese = ptBr[key] as string;
      assert.notEqual(portuguese, english, `${step.id} has a page of its own in Portuguese`);
      for (const page of [english, portuguese]) {
        assert.match(readFileSync(join(root, page), 'utf8'), /^# \S/, `${page} is a page with a heading`);
      }
    }
  });
});
