import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { OPERATIONS } from '../../src/core/contract/operations';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import type { Sandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import {
  ACCEPTED_CUSTOM_IDS,
  BAD_IMAGE_FILES,
  BAD_REQUEST_FILES,
  BOM,
  canSetUp,
  enrollRequestText,
  REFUSED_CUSTOM_IDS,
  requestImages,
} from '../support/badInputs';
import type { FakeUser } from '../support/fakeUser';
import { useSandboxSession } from '../support/sandboxSession';
import { type ScratchFolder, unique, waitForOutput } from '../support/workbench';
import { closeAllEditors, encoder } from './requests/helpers';

async function run(command: string, ...args: unknown[]): Promise<CallResult[] | undefined> {
  return (await vscode.commands.executeCommand(`biopassid.${command}`, ...args)) as CallResult[] | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The image actions each bad file goes through: two that ask a CustomID, one that does not. */
const IMAGE_ACTIONS = [
  { command: 'enrollImage', title: OPERATIONS.enroll.title },
  { command: 'verifyImage', title: OPERATIONS.verify.title },
  { command: 'detectFaces', title: OPERATIONS.face_detect.title },
] as const;

describe('bad inputs: nothing is sent, and the refusal says why (real extension host, local sandbox)', () => {
  const session = useSandboxSession();
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let sandbox: Sandbox;

  beforeEach(() => {
    ({ services, user, folder, sandbox } = session);
  });

  afterEach(closeAllEditors);

  describe('image files', () => {
    for (const bad of BAD_IMAGE_FILES) {
      it(`refuses ${bad.what} (${bad.name}) in every image action`, async function () {
        if (!canSetUp(bad)) this.skip();
        const uri = vscode.Uri.joinPath(folder.uri, bad.name);
        bad.create(uri.fsPath);
        user.answer({ inputBox: () => 'never-asked' });

        for (const { command, title } of IMAGE_ACTIONS) {
          const before = user.messages.length;
          const results = await run(command, uri);
          assert.equal(results?.length, 0, `${command} sent: ${results?.map((result) => result.headline).join('; ')}`);
          const shown = user.messages.slice(before);
          assert.equal(shown.length, 1, `${command}: one notification, got ${JSON.stringify(shown)}`);
          assert.equal(shown[0]?.level, 'error');
          const message = shown[0]?.message ?? '';
          assert.ok(message.startsWith(`${title}: ${bad.name} `), `${command} names the file first: ${message}`);
          assert.match(message, bad.problem);
          assert.ok(message.endsWith('Nothing was sent for it.'), message);
        }
        // The output channel tells the same, for whoever looks later.
        const output = await waitForOutput(`${IMAGE_ACTIONS[2].title}: not sent\n  ${bad.name} `);
        assert.match(output, new RegExp(`not sent\\n {2}${escapeRegExp(bad.name)} .*${bad.problem.source}`));
        assert.deepEqual(user.inputBoxes, [], 'no CustomID is asked for a file that cannot be sent');
        assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
      });
    }

    it('reports a file deleted after the run started, before it was read, as not found and sends nothing for it', async () => {
      const kept = await folder.write('kept.jpg', sampleFaceJpeg(44));
      const deleted = await folder.write('deleted.jpg', sampleFaceJpeg(45));
      const customId = unique('kept');
      // kept.jpg is read first; while its CustomID is asked, the other file disappears.
      user.answer({
        inputBox: (options) => {
          if (options.title?.endsWith('kept.jpg')) rmSync(deleted.fsPath);
          return customId;
        },
      });

      const results = await run('enrollImage', kept, [kept, deleted]);

      assert.equal(results?.length, 1, 'only the file still there is sent');
      assert.equal(results?.[0]?.call.source, 'kept.jpg');
      assert.equal(results?.[0]?.outcome.kind, 'success');
      assert.equal(user.inputBoxes.length, 1, 'no CustomID is asked for the deleted file');
      const [error] = user.messagesOf('error');
      assert.match(
        error?.message ?? '',
        /^Enroll: deleted\.jpg was not found \(moved or deleted\?\)\. Nothing was sent for it\.$/,
      );
      assert.deepEqual(
        sandbox.requestLog.map((entry) => [entry.operation, entry.customId, entry.status]),
        [['enroll', customId, 200]],
      );
    });
  });

  describe('CustomIDs', () => {
    for (const refused of REFUSED_CUSTOM_IDS) {
      it(`refuses a CustomID with ${refused.what} as it is typed, and sends nothing`, async () => {
        const image = await folder.write('face.jpg', sampleFaceJpeg(46));
        const shown: unknown[] = [];
        // VS Code keeps the box open while it shows the message; should the value come back anyway,
        // the command still refuses it.
        user.answer({
          inputBox: (options) => {
            shown.push(options.validateInput?.(refused.value));
            return refused.value;
          },
        });

        assert.equal(await run('enrollImage', image), undefined, 'the command stops at the prompt');

        assert.deepEqual(shown, [refused.message]);
        assert.deepEqual(user.messages, [], 'no request, so no verdict or failure to tell');
        assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
        assert.deepEqual(
          services.history.entries().filter((entry) => entry.customId === refused.value),
          [],
        );
      });
    }

    for (const accepted of ACCEPTED_CUSTOM_IDS) {
      it(`accepts a CustomID of ${accepted.what}, at the edge of the rule, and it round-trips intact`, async () => {
        const image = await folder.write('face.jpg', sampleFaceJpeg(47));
        const shown: unknown[] = [];
        user.answer({
          inputBox: (options) => {
            shown.push(options.validateInput?.(accepted.value));
            return accepted.value;
          },
        });

        const [enrolled] = (await run('enrollImage', image)) ?? [];
        const [verified] = (await run('verifyImage', image)) ?? [];

        assert.deepEqual(shown, [undefined, undefined], 'the prompt shows no problem');
        assert.equal(enrolled?.outcome.kind, 'success', enrolled?.headline);
        const body = enrolled?.outcome.kind === 'success' ? enrolled.outcome.body : undefined;
        assert.equal((body as { Person?: { CustomID?: string } })?.Person?.CustomID, accepted.value);
        assert.ok(enrolled?.headline.startsWith(`Enrolled ${accepted.value} -> BioPassID `), 'the verdict names it');
        // The person is stored under exactly that CustomID: verifying with it finds and matches them.
        assert.equal(verified?.headline, `Verify ${accepted.value}: match (face matched; fingers not sent)`);
        const recorded = services.history.entries().filter((entry) => entry.customId === accepted.value);
        assert.deepEqual(
          recorded.map((entry) => entry.operation),
          ['verify', 'enroll'],
        );
        assert.deepEqual(
          sandbox.requestLog.map((entry) => [entry.operation, entry.status]),
          [
            ['enroll', 200],
            ['verify', 200],
          ],
        );
        // The sandbox logs at most 64 characters of a CustomID, the rest cut with an ellipsis.
        const logged = accepted.value.length > 64 ? `${accepted.value.slice(0, 64)}…` : accepted.value;
        assert.ok(sandbox.requestLog.every((entry) => entry.customId === logged));
        await waitForOutput(`Enroll · CustomID ${accepted.value} · face.jpg · sandbox`);
      });
    }
  });

  describe('request files (Send Request)', () => {
    for (const bad of BAD_REQUEST_FILES) {
      it(`refuses ${bad.what}, naming the first problem, and sends nothing`, async function () {
        // Send opens the file as a document: 40 MB travel to the workbench and back to the extension host.
        if (bad.large) this.timeout(120_000);
        for (const [name, bytes] of Object.entries(requestImages())) await folder.write(name, bytes);
        const request = vscode.Uri.joinPath(folder.uri, bad.name);
        // Straight to disk: 40 MB through the workbench's file service would take most of the test's time.
        writeFileSync(request.fsPath, bad.text());

        assert.equal(await run('sendRequest', request, 'enroll'), undefined);

        const [error, ...more] = user.messages;
        assert.deepEqual(more, [], 'one notification');
        assert.equal(error?.level, 'error');
        const message = error?.message ?? '';
        assert.match(
          message,
          new RegExp(`^${escapeRegExp(bad.name)} has \\d+ problems? the API would reject \\(first: `),
        );
        assert.match(message.slice(message.indexOf('(first: ')), bad.problem);
        assert.ok(message.endsWith('Nothing was sent.'), message);
        assert.deepEqual(error?.actions, ['Show Problems']);
        assert.deepEqual(sandbox.requestLog, [], 'the sandbox saw no request');
      });
    }

    it('sends a request file that starts with a BOM, as JSON without it', async () => {
      const customId = unique('bom');
      for (const [name, bytes] of Object.entries(requestImages())) await folder.write(name, bytes);
      const request = await folder.write('bom.biopass.json', encoder.encode(`${BOM}${enrollRequestText(customId)}`));

      const [result] = (await run('sendRequest', request, 'enroll')) ?? [];

      assert.equal(result?.outcome.kind, 'success', result?.headline);
      assert.match(result?.headline ?? '', new RegExp(`^Enrolled ${customId} -> BioPassID \\S+`));
      // The sandbox parses the body strictly: a BOM would have made it a 400 "Invalid JSON format".
      assert.deepEqual(
        sandbox.requestLog.map((entry) => [entry.operation, entry.customId, entry.status]),
        [['enroll', customId, 200]],
      );
      assert.deepEqual(user.messagesOf('error'), []);
    });
  });
});
