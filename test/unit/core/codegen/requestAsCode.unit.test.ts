import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BaseUrlError,
  CODE_LANGUAGES,
  type CodeLanguage,
  INLINE_BASE64_LIMIT,
  planRequestBody,
  requestAsCode,
} from '../../../../src/core/codegen';
import { CUSTOM_ID_MAX_LENGTH } from '../../../../src/core/contract/choices';
import type { OperationId } from '../../../../src/core/contract/operations';
import { sampleFaceJpeg, sampleFacePng, sampleFingerprintTiff } from '../../../../src/core/images/samples';
import { REPO_ROOT } from './runCode';

const HML = 'https://hml-api.biopassid.com';
const LONG_BASE64_RUN = new RegExp(`[A-Za-z0-9+/]{${INLINE_BASE64_LIMIT + 1},}`);

const code = (language: CodeLanguage, body: unknown, operation: OperationId = 'enroll', baseUrl = HML) =>
  requestAsCode(language, { operation, baseUrl, body });

const faceFile = { Person: { CustomID: '1234', Face: [{ 'Face-1': { $file: './face.jpg' } }] } };

/** How each language reads the key: the only place it enters the code. */
const KEY_READS: Record<CodeLanguage, string[]> = {
  python: ['os.environ["BIOPASSID_API_KEY"]', '"Ocp-Apim-Subscription-Key": API_KEY'],
  curl: ['-H "Ocp-Apim-Subscription-Key: $BIOPASSID_API_KEY"'],
  typescript: ['process.env.BIOPASSID_API_KEY', '"Ocp-Apim-Subscription-Key": apiKey'],
};

describe('request as code', () => {
  for (const language of CODE_LANGUAGES) {
    describe(language, () => {
      it('reads the subscription key from BIOPASSID_API_KEY and says so, holding no key', () => {
        const text = code(language, faceFile);
        for (const read of KEY_READS[language]) assert.ok(text.includes(read), `${read} in\n${text}`);
        assert.match(text, /The subscription key is not in this code: it is read from the environment variable/);
        assert.ok(!text.includes('fake-codegen-key-00000001'));
        assert.equal(text.match(/Ocp-Apim-Subscription-Key/g)?.length, 1, 'the header is set once, from the variable');
      });

      it('pastes no base64 run over the limit, even for a 100 KB inline image', () => {
        const bigFace = Buffer.concat([sampleFaceJpeg(2), Buffer.alloc(100 * 1024, 7)]).toString('base64');
        const body = {
          Person: {
            CustomID: '1234',
            Face: [{ 'Face-1': bigFace }],
            Fingers: [{ 'Finger-2': sampleFingerprintTiff(1).toString('base64') }],
          },
        };
        const text = code(language, body);
        assert.ok(text.length < 5000, `${text.length} characters`);
        assert.doesNotMatch(text, LONG_BASE64_RUN);
        assert.match(text, /save it as face-1\.jpg in that folder/);
        assert.match(text, /save it as finger-2\.tif in that folder/);
        assert.match(text, /Relative paths\n.{1,3} start from the folder you run it in/);
      });

      it('keeps short base64 inline and reads $file paths as written', () => {
        const match = {
          Match: { Type: 'FACE', Format: 'BIOPASS', Artifact_A: 'QUJD', Artifact_B: { $file: 'b.tpl' } },
        };
        const text = code(language, match, 'match');
        assert.ok(text.includes('"QUJD"'));
        assert.ok(text.includes(language === 'curl' ? "'b.tpl'" : '"b.tpl"'));
        assert.doesNotMatch(text, /save it as/);
      });

      it('drops the top-level $schema', () => {
        const text = code(language, { $schema: 'https://example.test/schema.json', ...faceFile });
        assert.ok(!text.includes('$schema') && !text.includes('example.test'), text);
      });

      it('uses the method and path of the catalog, keeping the base URL path prefix', () => {
        const update = code(language, faceFile, 'update', 'https://gateway.example.test/biopass/');
        const remove = code(language, { Person: { CustomID: '1234' } }, 'delete');
        const expected: Record<CodeLanguage, [string, string]> = {
          python: [
            'conn.request("PUT", "/biopass/multibiometrics/update", payload, headers)',
            'conn.request("DELETE", "/multibiometrics/delete", payload, headers)',
          ],
          curl: [
            "curl -sS -X PUT 'https://gateway.example.test/biopass/multibiometrics/update'",
            `curl -sS -X DELETE '${HML}/multibiometrics/delete'`,
          ],
          typescript: [
            'await fetch("https://gateway.example.test/biopass/multibiometrics/update", {\n  method: "PUT",',
            `await fetch("${HML}/multibiometrics/delete", {\n  method: "DELETE",`,
          ],
        };
        assert.ok(update.includes(expected[language][0]), update);
        assert.ok(remove.includes(expected[language][1]), remove);
      });

      it('refuses a base URL that is not plain http(s)', () => {
        for (const baseUrl of ['not a url', 'ftp://example.test', 'https://user:pw@example.test', `${HML}?key=1`]) {
          assert.throws(() => code(language, faceFile, 'enroll', baseUrl), BaseUrlError);
        }
      });
    });
  }

  it('connects from Python as the vendor guide does: HTTPS by host, HTTP with host and port', () => {
    assert.match(code('python', faceFile), /^conn = http\.client\.HTTPSConnection\("hml-api\.biopassid\.com"\)$/m);
    assert.match(
      code('python', faceFile, 'enroll', 'http://127.0.0.1:8080'),
      /^conn = http\.client\.HTTPConnection\("127\.0\.0\.1", 8080\)$/m,
    );
    assert.match(code('python', faceFile, 'enroll', 'http://[::1]:8080'), /HTTPConnection\("\[::1\]:8080"\)/);
    assert.match(
      code('python', { Person: { CustomID: 'x', Flag: true, Gone: null } }),
      /"Flag": True,\n.*"Gone": None/,
    );
  });

  it('tells curl users on macOS to use base64 -i, and quotes paths for the shell', () => {
    const text = code('curl', { Check: { Image: { $file: "it's $HOME/`x`.jpg" } } }, 'check_icao');
    assert.match(text, /on macOS use base64 -i FILE/);
    assert.ok(text.includes(`IMAGE_B64=$(base64 -w0 'it'\\''s $HOME/\`x\`.jpg')`), text);
    assert.ok(text.includes('"Image": "$IMAGE_B64"'), text);
    assert.match(
      code('curl', faceFile, 'enroll', 'http://[::1]:8080'),
      /^curl -sS --globoff -X POST 'http:\/\/\[::1\]:8080\/multibiometrics\/enroll'/m,
    );
  });

  it('names placeholders after the field and the kind read from the first bytes', () => {
    // The longest CustomID taken is as long as an inline image may be: base64-like, it stays text.
    assert.ok(CUSTOM_ID_MAX_LENGTH > INLINE_BASE64_LIMIT);
    const opaque = Buffer.alloc(200, 0x41).toString('base64');
    const plan = planRequestBody({
      Match: { Artifact_A: opaque, Artifact_B: `data:image/png;base64,${sampleFacePng(1).toString('base64')}` },
      Person: {
        CustomID: 'Q'.repeat(CUSTOM_ID_MAX_LENGTH),
        Face: [{ 'Face-1': sampleFaceJpeg(1).toString('base64') }],
      },
      Fingers: [{ 'Finger-1': { $file: 'face-1.jpg' } }],
    });
    assert.deepEqual(
      plan.images.map(({ origin, path, words }) => [origin, path, words.join('-')]),
      [
        ['inline', 'artifact-a.bin', 'artifact-a'],
        ['inline', 'artifact-b.png', 'artifact-b'],
        ['inline', 'face-1-2.jpg', 'face-1-2'],
        ['file', 'face-1.jpg', 'finger-1'],
      ],
      'a placeholder never takes the name of a $file; a CustomID is never an image',
    );
  });

  it('reads an image used twice once', () => {
    const same = { $file: 'same.jpg' };
    const text = code('python', {
      Person: { CustomID: '1', Face: [{ 'Face-1': same }], Fingers: [{ 'Finger-1': same }] },
    });
    assert.equal(text.match(/read_base64\("same\.jpg"\)/g)?.length, 1);
    assert.match(text, /"Finger-1": face_1_b64/);
  });

  it('generates TypeScript that type-checks as an ES module (.mts, top-level await)', function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'bpid-codegen-tsc-'));
    try {
      const file = join(dir, 'enroll.mts');
      const body = { ...faceFile, Person: { ...faceFile.Person, __proto__: 'kept as a key', Fingers: [] } };
      writeFileSync(file, code('typescript', JSON.parse(JSON.stringify(body))));
      // The project's own tsc, run in the temp folder so the project's tsconfig is not picked up.
      const tsc = spawnSync(
        process.execPath,
        [
          join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
          ...['--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck'],
          ...['--types', 'node', '--typeRoots', join(REPO_ROOT, 'node_modules/@types'), file],
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
