import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/context';
import { detectImageKind } from '../../src/core/images/kind';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../src/core/images/samples';
import type { Sandbox } from '../../src/core/sandbox';
import type { CallResult } from '../../src/run/call';
import { waitFor } from '../support/extension';
import { type FakeUser, pickItem } from '../support/fakeUser';
import { useSandboxSession } from '../support/sandboxSession';
import { startStallingServer } from '../support/stallingServer';
import {
  type ScratchFolder,
  setSetting,
  tabShowing,
  unique,
  useCustomSandbox,
  waitForOutput,
} from '../support/workbench';

async function run(command: string, ...args: unknown[]): Promise<CallResult[]> {
  return (await vscode.commands.executeCommand(`biopassid.${command}`, ...args)) as CallResult[];
}

function validate(options: vscode.InputBoxOptions | undefined, value: string): unknown {
  assert.ok(options?.validateInput, 'the CustomID prompt validates as the user types');
  return options.validateInput(value);
}

describe('image actions (real extension host, local sandbox)', () => {
  const session = useSandboxSession();
  let services: ExtensionServices;
  let user: FakeUser;
  let folder: ScratchFolder;
  let sandbox: Sandbox;

  beforeEach(() => {
    ({ services, user, folder, sandbox } = session);
  });

  it('enroll, verify the same image (match), verify another (no match), update, delete: each verdict in the output', async () => {
    const customId = unique('person');
    const enrolled = await folder.write(`${customId}.jpg`, sampleFaceJpeg(10));
    const other = await folder.write('other.jpg', sampleFaceJpeg(11));
    user.answer({ inputBox: () => customId, confirm: (shown) => shown.action });

    const [enroll] = await run('enrollImage', enrolled, [enrolled]);
    assert.equal(enroll?.outcome.kind, 'success');
    assert.match(enroll?.headline ?? '', new RegExp(`^Enrolled ${customId} -> BioPassID \\S+`));
    let output = await waitForOutput(enroll?.headline ?? '?');
    // One block: what, for whom, where; the verdict; status and latency; then the response.
    assert.match(
      output,
      new RegExp(
        [
          `Enroll · CustomID ${customId} · ${customId}\\.jpg · sandbox \\(http://127\\.0\\.0\\.1:\\d+\\)`,
          `  Enrolled ${customId} -> BioPassID \\S+`,
          '  HTTP 200 · success · \\d+ ms',
          '  \\{',
        ].join('\n'),
      ),
    );
    assert.match(output, new RegExp(`"CustomID": "${customId}"`));

    const [same] = await run('verifyImage', enrolled, [enrolled]);
    assert.equal(same?.headline, `Verify ${customId}: match (face matched; fingers not sent)`);
    const [different] = await run('verifyImage', other);
    assert.equal(different?.headline, `Verify ${customId}: no match (face did not match; fingers not sent)`);

    const [update] = await run('updateImage', other);
    assert.match(update?.headline ?? '', new RegExp(`^Updated ${customId} -> BioPassID \\S+`));
    const [afterUpdate] = await run('verifyImage', other);
    assert.equal(afterUpdate?.headline, `Verify ${customId}: match (face matched; fingers not sent)`);

    const [deleted] = await run('deletePerson', customId);
    assert.equal(deleted?.headline, `Deleted ${customId}`);

    output = await waitForOutput(`Deleted ${customId}`);
    for (const line of [same, different, update, afterUpdate]) assert.ok(output.includes(line?.headline ?? '?'));
    assert.deepEqual(
      sandbox.requestLog.map((entry) => [entry.operation, entry.customId, entry.status]),
      [
        ['enroll', customId, 200],
        ['verify', customId, 200],
        ['verify', customId, 200],
        ['update', customId, 200],
        ['verify', customId, 200],
        ['delete', customId, 200],
      ],
    );
    // Each success is also told in a notification, with the verdict.
    assert.ok(user.messagesOf('information').some((shown) => shown.message === `Deleted ${customId}`));
  });

  it('proposes a CustomID from the file name, then remembers the last one used with the same image', async () => {
    const image = await folder.write('Maria Silva (2).jpg', sampleFaceJpeg(12));
    const chosen = unique('maria');
    user.answer({ inputBox: () => chosen });

    await run('enrollImage', image);
    assert.equal(user.inputBoxes[0]?.value, 'Maria-Silva-2');
    assert.match(user.inputBoxes[0]?.title ?? '', /Enroll: Maria Silva \(2\)\.jpg/);

    await run('verifyImage', image);
    assert.equal(user.inputBoxes[1]?.value, chosen, 'verify proposes the CustomID enrolled with this image');
    assert.match(user.inputBoxes[1]?.prompt ?? '', /last used with this image/);

    const other = await folder.write('someone-else.jpg', sampleFaceJpeg(13));
    await run('verifyImage', other);
    assert.equal(user.inputBoxes[2]?.value, 'someone-else', 'another image gets its own proposal');
  });

  it('validates the CustomID as it is typed: blank, control characters and non-ASCII are refused', async () => {
    const image = await folder.write('face.jpg', sampleFaceJpeg(14));
    await run('enrollImage', image);

    const [options] = user.inputBoxes;
    assert.equal(validate(options, ''), 'CustomID is empty');
    assert.equal(validate(options, '   '), 'CustomID is only whitespace');
    assert.equal(validate(options, 'ab\u0007c'), 'CustomID holds control characters');
    assert.equal(validate(options, 'line\nbreak'), 'CustomID holds control characters');
    assert.equal(validate(options, 'José 1234'), 'CustomID holds characters outside printable ASCII (é, ñ, 李…)');
    assert.equal(validate(options, 'Jose 1234'), undefined);
    assert.deepEqual(sandbox.requestLog, [], 'dismissing the prompt sends nothing');
  });

  it('refuses a file that is not an image despite its .jpg name, and sends nothing', async () => {
    const fake = await folder.write('notes.jpg', new TextEncoder().encode('just some text, not a JPEG'));
    user.answer({ inputBox: () => 'never-asked' });

    const results = await run('enrollImage', fake);

    assert.deepEqual(results, []);
    assert.deepEqual(user.inputBoxes, [], 'no CustomID is asked for an image that cannot be sent');
    assert.deepEqual(
      user.messagesOf('error').map((shown) => shown.message),
      ['Enroll: notes.jpg is not an image; this takes a face image (JPEG or PNG). Nothing was sent for it.'],
    );
    assert.deepEqual(sandbox.requestLog, []);
  });

  it('enrolls and verifies a fingerprint with the finger picked from the ten', async () => {
    const customId = unique('finger');
    const print = await folder.write('print.tif', sampleFingerprintTiff(1));
    user.answer({ inputBox: () => customId, quickPick: pickItem('Finger-2') });

    const [enroll] = await run('enrollFinger', print);
    assert.match(enroll?.headline ?? '', new RegExp(`^Enrolled ${customId} -> BioPassID`));
    const [pick] = user.quickPicks;
    assert.equal(pick?.options?.title, 'Which finger is print.tif?');
    assert.deepEqual(
      pick?.items.map((item) => item.description),
      Array.from({ length: 10 }, (_, index) => `Finger-${index + 1}`),
    );
    assert.equal(pick?.items[1]?.label, 'right index');

    const [verify] = await run('verifyFinger', print);
    assert.equal(verify?.headline, `Verify ${customId}: match (no face sent; fingers matched: Finger-2)`);
    await waitForOutput(verify?.headline ?? '?');
  });

  it('sends nothing when the finger pick is dismissed', async () => {
    const print = await folder.write('print.tif', sampleFingerprintTiff(2));
    user.answer({ inputBox: () => unique('finger') });
    assert.equal(await run('enrollFinger', print), undefined);
    assert.equal(user.quickPicks.length, 1);
    assert.deepEqual(sandbox.requestLog, []);
  });

  it('checks liveness, detects faces, checks ICAO quality and NFIQ, each with its verdict in the output', async () => {
    const face = await folder.write('face.jpg', sampleFaceJpeg(15));
    const print = await folder.write('print.tiff', sampleFingerprintTiff(3));

    const [liveness] = await run('checkLiveness', face);
    const [detect] = await run('detectFaces', face);
    const [icao] = await run('checkIcao', face);
    const [nfiq] = await run('checkNfiq', print);

    assert.equal(liveness?.headline, 'Liveness: live');
    assert.match(detect?.headline ?? '', /^Faces detected: 1 \(\d+x\d+ at \d+,\d+\)$/);
    assert.match(icao?.headline ?? '', /^ICAO: \d+\/\d+ requirements met/);
    assert.match(nfiq?.headline ?? '', /^NFIQ quality: [1-5]$/);
    const output = await waitForOutput(nfiq?.headline ?? '?');
    for (const result of [liveness, detect, icao]) assert.ok(output.includes(result?.headline ?? '?'));
    assert.ok(output.includes('Check NFIQ Quality · print.tiff · sandbox'));
    assert.deepEqual(
      sandbox.requestLog.map((entry) => entry.operation),
      ['liveness', 'face_detect', 'check_icao', 'check_nfiq'],
    );
    assert.deepEqual(user.inputBoxes, [], 'single-image checks ask nothing');
  });

  it('refuses a face image for NFIQ (a fingerprint check) and sends nothing', async () => {
    const face = await folder.write('face.png', sampleFaceJpeg(16));
    assert.deepEqual(await run('checkNfiq', face), []);
    assert.match(
      user.messagesOf('error')[0]?.message ?? '',
      /face\.png is a JPEG image; this takes a fingerprint image/,
    );
    assert.deepEqual(sandbox.requestLog, []);
  });

  for (const [command, operation] of [
    ['anonymizeFace', 'anonymizer'],
    ['cropIcao', 'icao_crop'],
  ] as const) {
    it(`${command} opens the returned image in a tab from the read-only biopassid-result file system`, async () => {
      const face = await folder.write('portrait.jpg', sampleFaceJpeg(17));

      const [result] = await run(command, face);

      const uri = result?.resultImage;
      assert.ok(uri, 'the result carries the returned image');
      assert.equal(uri.scheme, 'biopassid-result');
      assert.match(uri.path, new RegExp(`/portrait\\.${operation}\\.(jpg|png)$`));
      await waitFor(`a tab showing ${uri.toString()}`, () => tabShowing(uri));

      const bytes = await vscode.workspace.fs.readFile(uri);
      assert.ok(bytes.length > 0);
      assert.ok(['jpeg', 'png'].includes(detectImageKind(bytes) ?? ''), 'the tab holds image bytes');
      await assert.rejects(
        Promise.resolve(vscode.workspace.fs.writeFile(uri, new Uint8Array([1, 2, 3]))),
        'the result file system is read-only',
      );
      assert.deepEqual(await vscode.workspace.fs.readFile(uri), bytes);
      assert.deepEqual(user.messagesOf('information')[0]?.actions, ['Open Image', 'View Logs']);
      const output = await waitForOutput(result?.headline ?? '?');
      assert.match(result?.headline ?? '', /<(jpeg|png) [^>]+ sha256:[0-9a-f]{8}>$/, 'the image is described');
      assert.ok(!output.includes(Buffer.from(bytes).toString('base64').slice(0, 60)), 'the log holds no base64');
    });
  }

  it('keeps apart the results of same-named images anonymized in one run', async () => {
    const first = await folder.write('left/face.jpg', sampleFaceJpeg(18));
    const second = await folder.write('right/face.jpg', sampleFaceJpeg(19));

    const results = await run('anonymizeFace', first, [first, second]);

    const uris = results.map((result) => result?.resultImage?.toString());
    assert.equal(uris.length, 2);
    assert.ok(uris.every((uri) => uri?.startsWith('biopassid-result:')));
    assert.notEqual(uris[0], uris[1], 'each image has its own result');
    const [one, two] = await Promise.all(
      results.map((result) => vscode.workspace.fs.readFile(result.resultImage as vscode.Uri)),
    );
    assert.notDeepEqual(one, two, 'the second result did not replace the first');
  });

  it('gives two results of the same name added at the same moment their own read-only files', async () => {
    const first = services.results.add('face.anonymizer.png', new Uint8Array([1]));
    const second = services.results.add('face.anonymizer.png', new Uint8Array([2]));
    assert.notEqual(first.toString(), second.toString());
    assert.deepEqual([...(await vscode.workspace.fs.readFile(first))], [1]);
    assert.deepEqual([...(await vscode.workspace.fs.readFile(second))], [2]);
  });

  it('runs a multi-image Explorer selection (non-images left out) under one progress and sums it up', async () => {
    const images = [
      await folder.write('a.jpg', sampleFaceJpeg(20)),
      await folder.write('b.jpg', sampleFaceJpeg(21)),
      await folder.write('c.jpg', sampleFaceJpeg(22)),
    ];
    const notes = await folder.write('notes.txt', new TextEncoder().encode('not an image'));

    const results = await run('detectFaces', images[0], [...images, notes]);

    assert.equal(results.length, 3);
    assert.ok(results.every((result) => result.outcome.kind === 'success'));
    assert.equal(user.progress.length, 1, 'one progress notification for the whole run');
    assert.match(String(user.progress[0]?.title), /Detect Faces 3 images on sandbox/);
    assert.equal(user.progress[0]?.cancellable, true);
    assert.deepEqual(
      user.messages.map((shown) => [shown.level, shown.message]),
      [['information', 'Detect Faces: 3 ok, 0 failed.']],
    );
    assert.equal(sandbox.requestLog.length, 3);
  });

  it('counts failures in the summary of a multi-image run', async () => {
    const images = [
      await folder.write('a.jpg', sampleFaceJpeg(23)),
      await folder.write('b.jpg', sampleFaceJpeg(24)),
      await folder.write('c.jpg', sampleFaceJpeg(25)),
    ];
    sandbox.injectFault({ kind: 'status', status: 500, match: { operation: 'check_icao' } });

    const results = await run('checkIcao', images[0], images);

    assert.deepEqual(results.map((result) => result.outcome.kind).sort(), ['gateway-error', 'success', 'success']);
    const [summary] = user.messages;
    assert.equal(summary?.level, 'warning');
    assert.match(summary?.message ?? '', /^Check ICAO Quality: 2 ok, 1 failed\. Failed: [abc]\.jpg: /);
    assert.deepEqual(summary?.actions, ['View Logs']);
  });

  it('cancelling the progress sends nothing more', async () => {
    await setSetting('maxConcurrentRequests', 1);
    const images = [
      await folder.write('a.jpg', sampleFaceJpeg(26)),
      await folder.write('b.jpg', sampleFaceJpeg(27)),
      await folder.write('c.jpg', sampleFaceJpeg(28)),
    ];
    // The person presses Cancel on the progress notification as soon as the first image is done.
    user.answer({
      withProgress: (_options, task) => {
        const cancel = new vscode.CancellationTokenSource();
        return Promise.resolve(task({ report: () => cancel.cancel() }, cancel.token)).finally(() => cancel.dispose());
      },
    });

    const results = await run('detectFaces', images[0], images);

    assert.equal(results.length, 3);
    assert.equal(results[0]?.outcome.kind, 'success');
    assert.deepEqual(results.slice(1), [undefined, undefined]);
    assert.equal(sandbox.requestLog.length, 1, 'only the image sent before the cancel reached the sandbox');
    assert.equal(user.messages[0]?.message, 'Detect Faces: 1 ok, 0 failed, 2 cancelled.');
  });

  it('cancelling while a request is in flight aborts it and sends nothing more', async () => {
    const hanging = await startStallingServer();
    try {
      await setSetting('customBaseUrl', hanging.url);
      await setSetting('environment', 'custom');
      await setSetting('maxConcurrentRequests', 1);
      await services.keys.set('custom', 'stalling-server-key-0001');
      const images = [await folder.write('a.jpg', sampleFaceJpeg(30)), await folder.write('b.jpg', sampleFaceJpeg(31))];
      // The service hangs; the person presses Cancel once the first request has reached it.
      user.answer({
        withProgress: async (_options, task) => {
          const cancel = new vscode.CancellationTokenSource();
          try {
            const running = task({ report: () => {} }, cancel.token);
            await hanging.arrived;
            cancel.cancel();
            return await running;
          } finally {
            cancel.dispose();
          }
        },
      });

      const results = await run('detectFaces', images[0], images);

      const outcome = results[0]?.outcome;
      assert.equal(outcome?.kind, 'network-error');
      assert.equal(outcome.kind === 'network-error' ? outcome.cause : undefined, 'aborted');
      assert.equal(results[1], undefined, 'the second image was never sent');
      assert.equal(hanging.requests.length, 1);
      assert.equal(user.messages[0]?.message.startsWith('Detect Faces: 0 ok, 0 failed, 2 cancelled.'), true);
    } finally {
      await hanging.close();
      await services.keys.clear('custom');
    }
  });

  it('offers Set API Key on a 401, and retries with the new key once it is set', async () => {
    const accepted = 'accepted-key-for-tests-4242';
    const custom = await useCustomSandbox([accepted]);
    try {
      await services.keys.set('custom', 'wrong-key-for-tests-0000');
      const face = await folder.write('face.jpg', sampleFaceJpeg(29));
      user.answer({
        message: (shown) => (shown.actions.includes('Set API Key') ? 'Set API Key' : undefined),
        inputBox: () => accepted,
      });

      const [result] = await run('detectFaces', face);

      assert.equal(result?.outcome.kind, 'gateway-error');
      assert.equal(result?.outcome.status, 401);
      const [error] = user.messagesOf('error');
      assert.ok(error, 'the failure is told in an error notification');
      assert.deepEqual(error.actions.slice(0, 1), ['Set API Key']);
      assert.ok(error.actions.includes('View Logs'));
      assert.ok(!error.message.includes('wrong-key-for-tests-0000'), 'the key is not in the notification');
      const output = await waitForOutput('401');
      assert.ok(!output.includes('wrong-key-for-tests-0000'), 'the key is not in the log');

      // Choosing Set API Key asks for the key and sends the same request again.
      await user.waitForMessage('information', 'Faces detected: 1');
      assert.equal((await services.keys.get('custom'))?.key, accepted);
      assert.deepEqual(
        custom.requestLog.map((entry) => entry.status),
        [401, 200],
      );
    } finally {
      await custom.close();
      await services.keys.clear('custom');
    }
  });
});
