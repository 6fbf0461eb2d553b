import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { personRequest, singleImageRequest } from '../../../../src/core/request/build';
import { prepareWireBody, RequestPreparationError } from '../../../../src/core/request/prepare';

describe('preparing a request file for the wire', () => {
  let dir: string;
  let workspace: string;
  const face = sampleFaceJpeg(0);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-prepare-'));
    workspace = join(dir, 'workspace');
    mkdirSync(join(workspace, 'images'), { recursive: true });
    writeFileSync(join(workspace, 'images', 'face.jpg'), face);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads $file references relative to the request file and drops $schema', async () => {
    const request = {
      $schema: 'https://example.test/request.schema.json',
      Person: { CustomID: '1234', Face: [{ 'Face-1': { $file: './images/face.jpg' } }] },
    };
    const prepared = await prepareWireBody(request, { baseDir: workspace, allowedRoot: workspace });
    assert.deepEqual(prepared.body, personRequest('1234', { face: face.toString('base64') }));
    assert.deepEqual(prepared.files, [join(workspace, 'images', 'face.jpg')]);
    assert.ok('$file' in (request.Person.Face[0]?.['Face-1'] ?? {}), 'the request itself is left untouched');
  });

  it('refuses a $file outside the workspace, also through a symlink, naming the field', async () => {
    writeFileSync(join(dir, 'outside.jpg'), face);
    symlinkSync(join(dir, 'outside.jpg'), join(workspace, 'link.jpg'));
    for (const reference of ['../outside.jpg', './link.jpg', '/etc/passwd']) {
      await assert.rejects(
        prepareWireBody({ Check: { Image: { $file: reference } } }, { baseDir: workspace, allowedRoot: workspace }),
        (error: unknown) =>
          error instanceof RequestPreparationError &&
          /^Check\.Image: .* resolves outside the workspace folder/.test(error.message) &&
          error.jsonPath.join('.') === 'Check.Image',
      );
    }
  });

  it('explains a missing, empty or oversize file', async () => {
    writeFileSync(join(workspace, 'empty.jpg'), '');
    const cases: [string, RegExp][] = [
      ['./missing.jpg', /Spoof\.Image: .*missing\.jpg/],
      ['./empty.jpg', /Spoof\.Image: .*empty/],
      ['', /Spoof\.Image: "\$file" is empty/],
    ];
    for (const [reference, message] of cases) {
      await assert.rejects(
        prepareWireBody({ Spoof: { Image: { $file: reference } } }, { baseDir: workspace, allowedRoot: workspace }),
        message,
      );
    }
    await assert.rejects(
      prepareWireBody(
        { Spoof: { Image: { $file: './images/face.jpg' } } },
        { baseDir: workspace, allowedRoot: workspace, maxImageBytes: 100 },
      ),
      /limit/,
    );
  });

  it('builds the envelopes of image operations', () => {
    assert.deepEqual(personRequest('9', { fingers: { 'Finger-2': 'AAAA' } }), {
      Person: { CustomID: '9', Fingers: [{ 'Finger-2': 'AAAA' }] },
    });
    assert.deepEqual(personRequest('9'), { Person: { CustomID: '9' } });
    assert.deepEqual(singleImageRequest('liveness', 'AAAA'), { Spoof: { Image: 'AAAA' } });
    assert.deepEqual(singleImageRequest('check_icao', 'AAAA'), { Check: { Image: 'AAAA' } });
    assert.deepEqual(singleImageRequest('decode', 'AAAA'), { Decode: { Wsq: 'AAAA' } });
  });
});
