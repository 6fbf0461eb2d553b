import * as assert from 'node:assert/strict';
import { type CurlImport, curlToRequestFile, KEY_SOURCE_COMMENT } from '../../../../src/core/curl/fromCurl';
import { sampleFaceJpeg, sampleFingerprintTiff } from '../../../../src/core/images/samples';

const KEY = 'test-key-0123456789abcdef0123';
const FACE = sampleFaceJpeg(3);
const PRINT = sampleFingerprintTiff(2);
const ENROLL = { Person: { CustomID: 'alice-0001', Face: [{ 'Face-1': FACE.toString('base64') }] } };
const files: Record<string, string> = { 'body.json': JSON.stringify(ENROLL) };

async function imported(text: string, inline = false): Promise<CurlImport> {
  const result = await curlToRequestFile(text, { inline, readDataFile: async (path) => readData(path) });
  assert.ok(result.ok, result.ok ? '' : result.message);
  assert.ok(!result.value.text.includes(KEY), 'the key is never written into the file');
  return result.value;
}

function readData(path: string): string {
  const content = files[path];
  if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return content;
}

async function refused(text: string): Promise<string> {
  const result = await curlToRequestFile(text, { readDataFile: async (path) => readData(path) });
  assert.ok(!result.ok, 'refused');
  assert.ok(!result.message.includes(KEY), 'the message never quotes the key');
  return result.message;
}

const fileOf = (value: CurlImport) => JSON.parse(value.text) as Record<string, unknown>;

describe('curl import: a pasted curl command becomes a request file', () => {
  it('reads the vendor docs form (--location, --request, --header, --data, \\ continuations, single quotes)', async () => {
    const value = await imported(
      [
        `curl --location --request POST 'https://hml-api.biopassid.com/multibiometrics/enroll' \\`,
        `--header 'Content-Type: application/json' \\`,
        `--header 'Ocp-Apim-Subscription-Key: ${KEY}' \\`,
        `--data-raw '${JSON.stringify(ENROLL)}'`,
      ].join('\n'),
    );
    assert.equal(value.operation, 'enroll');
    assert.deepEqual(value.environment, { id: 'homologation' });
    assert.equal(value.fileName, 'alice-0001.enroll.biopass.json');
    assert.deepEqual(fileOf(value), {
      $comment: KEY_SOURCE_COMMENT,
      Person: { CustomID: 'alice-0001', Face: [{ 'Face-1': { $file: './alice-0001.enroll.face-1.jpg' } }] },
    });
    assert.deepEqual(
      value.images.map((image) => [image.fileName, image.field, image.bytes.equals(FACE)]),
      [['alice-0001.enroll.face-1.jpg', 'Person.Face[0].Face-1', true]],
    );
    assert.match(value.notes[0] ?? '', /Ocp-Apim-Subscription-Key header was not written/);
  });

  it('--inline keeps the image in the body', async () => {
    const value = await imported(
      `curl -X POST https://api.biopassid.com/multibiometrics/enroll -H "Ocp-Apim-Subscription-Key: ${KEY}" -d '${JSON.stringify(ENROLL)}'`,
      true,
    );
    assert.deepEqual(value.environment, { id: 'production' });
    assert.deepEqual(value.images, []);
    assert.equal((fileOf(value).Person as typeof ENROLL.Person).Face[0]?.['Face-1'], FACE.toString('base64'));
  });

  it('reads double quotes with escaped quotes, -XPUT, -sSL and --data=', async () => {
    const body = JSON.stringify({ Person: { CustomID: 'bob', Fingers: [{ 'Finger-2': PRINT.toString('base64') }] } });
    const value = await imported(
      `curl -sSL -XPUT "https://hml-api.biopassid.com/multibiometrics/update" -H "Content-Type: application/json" --data="${body.replaceAll('"', '\\"')}"`,
    );
    assert.equal(value.operation, 'update');
    assert.deepEqual(fileOf(value).Person, {
      CustomID: 'bob',
      Fingers: [{ 'Finger-2': { $file: './bob.update.finger-2.tif' } }],
    });
    assert.ok(value.images[0]?.bytes.equals(PRINT));
  });

  it('reads Windows cmd continuations (^) and ^" escapes, and PowerShell backticks', async () => {
    const cmd = await imported(
      [
        'curl ^"https://hml-api.biopassid.com/multibiometrics/liveness^" ^',
        '  -H ^"Content-Type: application/json^" ^',
        `  --data-raw ^"{\\^"Spoof\\^":{\\^"Image\\^":\\^"${FACE.toString('base64')}\\^"}}^"`,
      ].join('\r\n'),
    );
    assert.equal(cmd.operation, 'liveness');
    assert.equal(cmd.fileName, 'liveness.biopass.json');
    assert.deepEqual(fileOf(cmd).Spoof, { Image: { $file: './liveness.image.jpg' } });
    const powershell = await imported(
      [
        'curl.exe -X DELETE `',
        "  'https://hml-api.biopassid.com/multibiometrics/delete' `",
        `  -d '{"Person":{"CustomID":"x"}}'`,
      ].join('\n'),
    );
    assert.equal(powershell.operation, 'delete');
  });

  it('-d @file reads the body from a file; --data-raw @text is text', async () => {
    const value = await imported(`curl https://hml-api.biopassid.com/multibiometrics/enroll -d @body.json`);
    assert.equal(value.operation, 'enroll');
    assert.equal(value.images.length, 1);
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/enroll -d @missing.json`),
      /The body file missing\.json .* cannot be read: ENOENT/,
    );
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/enroll --data-raw @body.json`),
      /not JSON/,
    );
  });

  it('a key in the query is dropped; an unknown host or a gateway prefix becomes a custom environment suggestion', async () => {
    const value = await imported(
      `curl 'https://gateway.example.test/biopass/multibiometrics/verify?subscription-key=${KEY}' -d '${JSON.stringify(ENROLL)}'`,
    );
    assert.equal(value.operation, 'verify');
    assert.deepEqual(value.environment, { id: 'custom', baseUrl: 'https://gateway.example.test/biopass' });
    assert.ok(value.notes.some((note) => note.includes('?subscription-key=…: it was dropped')));
    assert.ok(
      value.notes.some((note) => note.includes('"biopassid.customBaseUrl": "https://gateway.example.test/biopass"')),
    );
    assert.ok(!value.notes.join('\n').includes(KEY));
    const local = await imported(`curl http://127.0.0.1:8080/quality/check_icao -d '{"Check":{"Image":"abc"}}'`);
    assert.deepEqual(
      [local.operation, local.environment],
      ['check_icao', { id: 'custom', baseUrl: 'http://127.0.0.1:8080' }],
    );
    assert.deepEqual(fileOf(local).Check, { Image: 'abc' }, 'a short string is not an image');
  });

  it('bad input gets a clear message: not curl, broken quoting, an unknown path, the wrong method, a body that is not JSON', async () => {
    assert.match(
      await refused('wget https://hml-api.biopassid.com/multibiometrics/enroll'),
      /not a curl command: it starts with "wget"/,
    );
    assert.match(await refused(''), /empty/);
    assert.match(
      await refused(`curl 'https://hml-api.biopassid.com/multibiometrics/enroll -H "K: ${KEY}"`),
      /single quote that is never closed/,
    );
    assert.match(
      await refused(`curl "https://hml-api.biopassid.com/multibiometrics/enroll -d '{}'`),
      /double quote that is never closed/,
    );
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/identify -d '{"Person":{}}'`),
      /path \/multibiometrics\/identify is not a BioPass ID operation/,
    );
    assert.match(
      await refused(`curl -X GET https://hml-api.biopassid.com/multibiometrics/enroll -d '{"Person":{}}'`),
      /Enroll \(\/multibiometrics\/enroll\) is sent with POST, but the command uses GET/,
    );
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/enroll -d '{"Person":'`),
      /The body is not JSON/,
    );
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/enroll -d 'CustomID=1'`),
      /The body is not JSON/,
    );
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/enroll -d '{"Check":{}}'`),
      /takes a JSON object holding "Person"/,
    );
    assert.match(await refused(`curl -X POST https://hml-api.biopassid.com/multibiometrics/enroll`), /sends no body/);
    assert.match(
      await refused(`curl https://hml-api.biopassid.com/multibiometrics/enroll -d '{}' | jq .`),
      /more than one curl command/,
    );
    assert.match(
      await refused(`curl --form 'a=@b' https://hml-api.biopassid.com/multibiometrics/enroll`),
      /option --form is not one/,
    );
    assert.match(
      await refused(`curl -X POST https://hml-api.biopassid.com/multibiometrics/enroll --data-binary @- <<JSON`),
      /redirects input or output \("<<"/,
    );
    assert.match(await refused('curl -H'), /-H needs a value/);
    assert.match(
      await refused(`curl -H 'Ocp-Apim-Subscription-Key ${KEY}' https://x.test/multibiometrics/enroll -d '{}'`),
      /no "Name: value" form/,
    );
    assert.match(
      await refused(
        `curl -H 'Content-Type: text/plain' https://hml-api.biopassid.com/multibiometrics/enroll -d '{"Person":{}}'`,
      ),
      /takes JSON/,
    );
    assert.match(await refused('curl -d {}'), /no URL/);
  });
});
