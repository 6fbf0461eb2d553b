import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BulkSummary } from '../../src/core/bulk';
import { sampleFaceJpeg } from '../../src/core/images/samples';
import { useSandboxSession } from '../support/sandboxSession';

describe('Explorer -> BioPass ID -> Enroll Folder… (real extension host, local sandbox)', () => {
  const session = useSandboxSession();

  it('enrolls a folder of generated faces with a progress, shows the failures with their causes, and Retry Failed finishes it', async () => {
    const { folder, sandbox, user, services } = session;
    const ids = ['bulk-ana', 'bulk-bo', 'bulk-cy', 'bulk-di'];
    for (const [index, id] of ids.entries()) await folder.write(`people/${id}.jpg`, sampleFaceJpeg(60 + index, 96));
    const people = vscode.Uri.joinPath(folder.uri, 'people');
    // The service refuses the first enroll: that person fails with its cause, the others go in.
    sandbox.injectFault({ kind: 'status', status: 400, body: 'Invalid JSON format', match: { operation: 'enroll' } });
    const progress: string[] = [];
    user.answer({
      withProgress: (options, task) =>
        // The real notification, with its messages recorded on the way.
        vscode.window.withProgress(options, (report, token) =>
          task(
            {
              report: (value) => {
                progress.push(value.message ?? '');
                report.report(value);
              },
            },
            token,
          ),
        ),
      message: (shown) => (shown.actions.includes('Show Failures') ? 'Show Failures' : undefined),
      quickPick: (items) => items.find((item) => item.label === 'Retry Failed'),
    });

    const summary = (await vscode.commands.executeCommand('biopassid.enrollFolder', people)) as BulkSummary;

    const [first, second] = user.messages;
    assert.match(first?.message ?? '', /^Enroll people on sandbox: 3 enrolled, 1 failed\.$/);
    assert.deepEqual(first?.actions, ['Show Failures', 'Retry Failed', 'View Logs']);
    const table = user.quickPicks[0];
    assert.equal(table?.options?.title, 'Enroll people: 1 to look at');
    const failed = table?.items[0];
    assert.equal(failed?.description, 'failed');
    assert.match(failed?.detail ?? '', /Invalid JSON format/);
    assert.ok(ids.includes(failed?.label ?? ''), 'the failed row names the CustomID');
    assert.ok(
      progress.some((line) => /^\d\/4 persons · .* failed/.test(line)),
      `progress shown: ${progress.join(' | ')}`,
    );

    // Retry Failed ran the same journal again: only the failed person was sent.
    assert.match(second?.message ?? '', /^Enroll people on sandbox: 1 enrolled, 3 already-done\.$/);
    assert.equal(summary.counts.enrolled, 1);
    const enrolled = sandbox.requestLog.filter((entry) => entry.operation === 'enroll' && entry.status === 200);
    assert.deepEqual(enrolled.map((entry) => entry.customId).sort(), ids);
    assert.equal(sandbox.requestLog.filter((entry) => entry.operation === 'enroll').length, 5);
    const journals = readdirSync(join(services.extensionContext.globalStorageUri.fsPath, 'bulk'));
    assert.ok(
      journals.some((name) => name.startsWith('enroll-people-') && name.endsWith('.jsonl')),
      journals.join(', '),
    );
    assert.ok(existsSync(summary.journal));
  });

  it('Cancel in the progress notification stops the run; Enroll Folder… again resumes it and no one is enrolled twice', async () => {
    const { folder, sandbox, user } = session;
    const ids = Array.from({ length: 12 }, (_, index) => `cancel-${String(index).padStart(2, '0')}`);
    for (const [index, id] of ids.entries()) await folder.write(`crowd/${id}.jpg`, sampleFaceJpeg(80 + index, 96));
    const crowd = vscode.Uri.joinPath(folder.uri, 'crowd');
    // A slow service, so that the run is still going when the person presses Cancel.
    sandbox.injectFault({ kind: 'latency', ms: 150, times: Number.POSITIVE_INFINITY, match: { operation: 'enroll' } });
    const cancel = new vscode.CancellationTokenSource();
    let reports = 0;
    user.answer({
      withProgress: (options, task) => {
        assert.equal(options.cancellable, true, 'the notification offers Cancel');
        return vscode.window.withProgress(options, (report) =>
          task(
            {
              report: (value) => {
                report.report(value);
                // What pressing Cancel does: the token the task was given is cancelled.
                if (++reports === 3) cancel.cancel();
              },
            },
            cancel.token,
          ),
        );
      },
    });

    const stopped = (await vscode.commands.executeCommand('biopassid.enrollFolder', crowd)) as BulkSummary;

    assert.equal(stopped.end, 'cancelled');
    const [shown] = user.messagesOf('warning');
    assert.match(
      shown?.message ?? '',
      /^Enroll crowd on sandbox: .*not-started.*Cancelled\. Run the same command again to resume\.$/,
    );
    const enrolledBefore = sandbox.requestLog.filter((entry) => entry.operation === 'enroll' && entry.status === 200);
    assert.ok(enrolledBefore.length < ids.length, `stopped early: ${enrolledBefore.length} of ${ids.length} enrolled`);

    // The same command on the same folder picks the same journal up where it stopped.
    user.answer({ withProgress: (options, task) => vscode.window.withProgress(options, task) });
    const logged = sandbox.requestLog.length;
    const resumed = (await vscode.commands.executeCommand('biopassid.enrollFolder', crowd)) as BulkSummary;
    sandbox.clearFaults();

    assert.equal(resumed.end, 'done');
    assert.equal(resumed.journal, stopped.journal);
    const enrolled = sandbox.requestLog.filter((entry) => entry.operation === 'enroll' && entry.status === 200);
    assert.deepEqual(enrolled.map((entry) => entry.customId).sort(), ids, 'everyone enrolled, each once');
    const skipped = [...resumed.persons]
      .filter((person) => person.result === 'already-done')
      .map((person) => person.customId);
    assert.ok(skipped.length > 0, 'persons confirmed before Cancel are skipped');
    const sentAgain = sandbox.requestLog.slice(logged).filter((entry) => skipped.includes(entry.customId ?? ''));
    assert.deepEqual(sentAgain, [], 'no request at all for a person confirmed before Cancel');
  });

  it('an invalid folder sends nothing and says why', async () => {
    const { folder, sandbox, user } = session;
    await folder.write('mixed/person-1.jpg', sampleFaceJpeg(70, 96));
    await folder.write('mixed/person-2.jpg', new TextEncoder().encode('not a jpeg'));
    await vscode.commands.executeCommand('biopassid.enrollFolder', vscode.Uri.joinPath(folder.uri, 'mixed'));
    const [shown] = user.messagesOf('warning');
    assert.match(shown?.message ?? '', /^Enroll mixed on sandbox: nothing was sent\. person-2\.jpg is not an image/);
    assert.deepEqual(sandbox.requestLog, []);
  });
});
