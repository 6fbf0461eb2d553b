import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../src/core/images/samples';
import {
  assertRange,
  OUR_SOURCE,
  ourDiagnostics,
  rangeOf,
  useRequestFolder,
  waitForDiagnostics,
  waitForOurCode,
} from './helpers';

/** An image of about `bytes` bytes: a real header, then filler, as a high-resolution capture would be. */
function captured(image: Buffer, bytes: number): string {
  const filler = Buffer.alloc(bytes - image.length);
  for (let index = 0; index < filler.length; index++) filler[index] = (index * 131 + 7) & 0xff;
  return Buffer.concat([image, filler]).toString('base64');
}

const FACE = captured(sampleFaceJpeg(61), 900_000);
const FINGER = captured(sampleFingerprintTiff(62), 600_000);

describe('request files: a multi-megabyte request (real extension host)', () => {
  const requests = useRequestFolder();

  /** A plain .json that names our enroll schema, saved with Windows line endings. */
  function largeRequest(): string {
    const body = {
      $schema: 'biopassid-schema:/operations/enroll.schema.json',
      Person: {
        CustomID: 'large-1',
        Face: [{ 'Face-1': FACE }],
        Fingers: [{ 'Finger-1': FINGER, 'Finger-2': FINGER }],
      },
    };
    return `${JSON.stringify(body, null, 2).replace(/\n/g, '\r\n')}\r\n`;
  }

  async function replace(document: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
  }

  it('is recognised by its $schema, with the Send lens on its envelope key', async () => {
    const document = await requests.open('capture.json', largeRequest());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
      100,
    );
    const send = lenses.filter((lens) => lens.command?.command === 'biopassid.sendRequest');
    assert.deepEqual(
      send.map((lens) => lens.command?.title),
      ['$(play) Send as Enroll'],
    );
    const key = rangeOf(document, '"Person"').start;
    assertRange(send[0]?.range ?? new vscode.Range(0, 0, 0, 0), new vscode.Range(key, key), 'the lens');
  });

  it('reports a character typed into an image where it is, and clears once it is taken out', async () => {
    const document = await requests.open('capture.json', largeRequest());
    // Halfway through the second finger, the same image as the first one.
    const second = document.getText().indexOf(FINGER, document.getText().indexOf('"Finger-2"'));
    const at = document.positionAt(second + Math.floor(FINGER.length / 2));
    const original = document.getText(new vscode.Range(at, at.translate(0, 1)));

    await replace(document, new vscode.Range(at, at.translate(0, 1)), '%');
    const diagnostic = await waitForOurCode(document.uri, 'base64-alphabet');
    assertRange(diagnostic.range, new vscode.Range(at, at.translate(0, 1)), 'the typed character');
    assert.match(diagnostic.message, /Person\.Fingers\[0\]\.Finger-2/);
    assert.deepEqual(
      ourDiagnostics(document.uri).map((each) => each.range.start.line),
      [at.line],
      'only the edited image is reported',
    );

    await replace(document, new vscode.Range(at, at.translate(0, 1)), original);
    await waitForDiagnostics(document.uri, 'our diagnostics to clear after the character is taken out', (all) =>
      all.some((each) => each.source === OUR_SOURCE) ? undefined : true,
    );
  });
});
