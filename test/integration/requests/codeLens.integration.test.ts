import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { rangeOf, requestText, useRequestFolder } from './helpers';

const FACE = sampleFaceJpeg(51).toString('base64');

async function sendLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return lenses.filter((lens) => lens.command?.command === 'biopassid.sendRequest');
}

describe('request files: Send CodeLens (real extension host)', () => {
  const requests = useRequestFolder();
  const open = (name: string, body: unknown) => requests.open(name, requestText(body));

  it('offers Send as Enroll | Verify | Update above a Person with a face (no Delete: it takes no images)', async () => {
    const document = await open('alice.biopass.json', { Person: { CustomID: 'alice', Face: [{ 'Face-1': FACE }] } });
    const lenses = await sendLenses(document.uri);
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title),
      ['$(play) Send as Enroll', 'Verify', 'Update'],
    );
    assert.deepEqual(
      lenses.map((lens) => lens.command?.arguments?.[1]),
      ['enroll', 'verify', 'update'],
    );
    for (const lens of lenses) {
      assert.equal(lens.range.start.line, rangeOf(document, '"Person"').start.line, 'above the envelope key');
      assert.equal(String(lens.command?.arguments?.[0]), document.uri.toString());
    }
  });

  it('offers only Delete on x.delete.biopass.json', async () => {
    const document = await open('x.delete.biopass.json', { Person: { CustomID: 'x' } });
    const lenses = await sendLenses(document.uri);
    assert.deepEqual(
      lenses.map((lens) => [lens.command?.title, lens.command?.arguments?.[1]]),
      [['$(play) Send as Delete', 'delete']],
    );
  });

  it('offers only the pinned operation on a .verify.biopass.json', async () => {
    const document = await open('bob.verify.biopass.json', { Person: { CustomID: 'bob', Face: [{ 'Face-1': FACE }] } });
    assert.deepEqual(
      (await sendLenses(document.uri)).map((lens) => lens.command?.title),
      ['$(play) Send as Verify'],
    );
  });

  it('offers the Check operations on a Check request', async () => {
    const document = await open('portrait.biopass.json', { Check: { Image: FACE } });
    const lenses = await sendLenses(document.uri);
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title),
      ['$(play) Send as Detect Faces', 'Anonymize Face', 'Check ICAO Quality', 'Crop to ICAO', 'Check NFIQ Quality'],
    );
    assert.equal(lenses[0]?.range.start.line, rangeOf(document, '"Check"').start.line);
  });

  it('shows no lens on a JSON file that is not a request', async () => {
    const document = await open('package-like.json', { name: 'not-a-request', version: '1.0.0' });
    assert.deepEqual(await sendLenses(document.uri), []);
  });
});
