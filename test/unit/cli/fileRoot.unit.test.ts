import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

/**
 * A cloned repository's request file must not make the CLI read or send an image from elsewhere on
 * the machine: `$file` references stay inside the working directory (or --root), symlinks
 * followed, with the editor's diagnostic code and message.
 */
describe('biopassid validate and send keep $file references inside the root', () => {
  let sandbox: Sandbox;
  let top: string;
  let project: string;
  let outsideImage: string;
  let env: Record<string, string>;

  const requestWith = (reference: string, name: string) => {
    writeFileSync(
      join(project, 'requests', name),
      JSON.stringify({ Person: { CustomID: 'victim-1', Face: [{ 'Face-1': { $file: reference } }] } }),
    );
    return join('requests', name);
  };

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
    top = mkdtempSync(join(tmpdir(), 'bpid-cli-root-'));
    project = join(top, 'project');
    mkdirSync(join(project, 'requests'), { recursive: true });
    mkdirSync(join(project, 'faces'));
    mkdirSync(join(top, 'outside'));
    outsideImage = join(top, 'outside', 'private.jpg');
    writeFileSync(outsideImage, sampleFaceJpeg(3));
    writeFileSync(join(project, 'faces', 'inside.jpg'), sampleFaceJpeg(1));
    symlinkSync(outsideImage, join(project, 'requests', 'link.jpg'));
    symlinkSync(join(top, 'outside'), join(project, 'linked-folder'));
  });

  after(async () => {
    await sandbox.close();
    rmSync(top, { recursive: true, force: true });
  });

  beforeEach(() => sandbox.reset());

  const escapes: { name: string; reference: () => string }[] = [
    { name: 'a relative path', reference: () => '../../outside/private.jpg' },
    { name: 'an absolute path', reference: () => outsideImage },
    { name: 'a symlinked file', reference: () => './link.jpg' },
    { name: 'a file in a symlinked folder', reference: () => '../linked-folder/private.jpg' },
    { name: '.. inside a longer path', reference: () => '../faces/../../outside/./private.jpg' },
  ];

  for (const [index, way] of escapes.entries()) {
    it(`refuses ${way.name} out of the folder, in validate and send, sending nothing`, async () => {
      const reference = way.reference();
      const file = requestWith(reference, `escape-${index}.biopass.json`);

      const validated = await cli(['validate', file, '--json'], {}, project);
      assert.equal(validated.code, 1, validated.stdout);
      const [diagnostic] = JSON.parse(validated.stdout) as { code: string; message: string }[];
      assert.equal(diagnostic?.code, 'file-reference-unusable');
      assert.equal(
        diagnostic?.message,
        `"${reference}" resolves outside the workspace folder; only files inside it are sent`,
      );

      const sent = await cli(['send', 'enroll', file, '--base-url', sandbox.url], env, project);
      assert.equal(sent.code, 1);
      assert.match(
        sent.stderr,
        /resolves outside the workspace folder; only files inside it are sent \[file-reference-unusable\]/,
      );
      assert.match(sent.stderr, /Nothing was sent\./);
      assert.equal(sandbox.requestLog.length, 0);
    });
  }

  it('sends a reference inside the working directory, and one outside it when --root includes it', async () => {
    const inside = requestWith('../faces/inside.jpg', 'inside.enroll.biopass.json');
    const sent = await cli(['send', 'enroll', inside, '--base-url', sandbox.url], env, project);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^Enrolled victim-1 -> BioPassID /);

    const outside = requestWith('../../outside/private.jpg', 'outside.biopass.json');
    assert.equal((await cli(['validate', outside, '--root', '..'], {}, project)).code, 0);
    const update = await cli(['send', 'update', outside, '--root', top, '--base-url', sandbox.url], env, project);
    assert.equal(update.code, 0, update.stderr);
    assert.equal(sandbox.requestLog.length, 2);
  });

  it('a --root that is not a folder is a usage error', async () => {
    const file = requestWith('../faces/inside.jpg', 'root-missing.biopass.json');
    const run = await cli(['validate', file, '--root', 'no-such-folder'], {}, project);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--root must be an existing folder, not "no-such-folder"/);
  });
});
