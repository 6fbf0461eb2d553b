// Creates the sample workspace `npm start` opens: synthetic images (no real person), request
// files and a short guide. Re-run safe: existing files are kept, so your own edits survive.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

export function makeSampleWorkspace(folder) {
  // Transpiled by `node scripts/build.mjs --tests`.
  const samples = require('../out/src/core/images/samples.js');
  const files = {
    'faces/alice.jpg': () => samples.sampleFaceJpeg(0),
    'faces/alice-again.jpg': () => samples.sampleFaceJpeg(0),
    'faces/bob.jpg': () => samples.sampleFaceJpeg(1),
    'faces/carol.png': () => samples.sampleFacePng(2),
    'fingers/alice-right-thumb.tif': () => samples.sampleFingerprintTiff(0),
    'fingers/alice-right-index.png': () => samples.sampleFingerprintPng(1),
    'requests/alice.enroll.biopass.json': () =>
      json({ Person: { CustomID: 'alice-0001', Face: [{ 'Face-1': { $file: '../faces/alice.jpg' } }] } }),
    'requests/alice.verify.biopass.json': () =>
      json({ Person: { CustomID: 'alice-0001', Face: [{ 'Face-1': { $file: '../faces/alice-again.jpg' } }] } }),
    'requests/alice.delete.biopass.json': () => json({ Person: { CustomID: 'alice-0001' } }),
    'requests/bob.liveness.biopass.json': () => json({ Spoof: { Image: { $file: '../faces/bob.jpg' } } }),
    'requests/broken.biopass.json': () =>
      json({ Person: { CustomId: 'bob-0002', Face: [{ 'Face-2': { $file: '../faces/bob.jpg' } }] } }),
    // Scenarios (`biopassid test`, the Test Explorer): every request above in one flow, and per CSV row.
    'scenarios/alice.biopass-test.json': () =>
      json({
        $schema: 'biopassid-schema:/scenario.schema.json',
        name: 'Alice: enroll, verify, liveness, delete',
        variables: { customId: 'alice-{{run.id}}' },
        steps: [
          {
            name: 'enroll',
            request: '../requests/alice.enroll.biopass.json',
            with: { Person: { CustomID: '{{customId}}' } },
            expect: { status: 200 },
          },
          {
            name: 'verifySame',
            request: '../requests/alice.verify.biopass.json',
            with: { Person: { CustomID: '{{enroll.Person.CustomID}}' } },
            expect: { verdict: 'match' },
          },
          {
            name: 'verifyOther',
            operation: 'verify',
            body: { Person: { CustomID: '{{customId}}', Face: [{ 'Face-1': { $file: '../faces/bob.jpg' } }] } },
            expect: { verdict: 'no match' },
          },
          { name: 'liveness', request: '../requests/bob.liveness.biopass.json', expect: { verdict: 'live' } },
          {
            name: 'faces',
            operation: 'face_detect',
            body: { Check: { Image: { $file: '../faces/carol.png' } } },
            expect: { faces: 1 },
          },
          {
            name: 'broken',
            operation: 'enroll',
            request: '../requests/broken.biopass.json',
            expect: { status: 400 },
            timeoutSeconds: 10,
          },
        ],
        teardown: [
          {
            name: 'delete',
            request: '../requests/alice.delete.biopass.json',
            with: { Person: { CustomID: '{{customId}}' } },
          },
        ],
      }),
    'scenarios/people.csv': () => 'name,face\nalice,alice.jpg\nbob,bob.jpg\ncarol,carol.png\n',
    'scenarios/people.biopass-test.json': () =>
      json({
        $schema: 'biopassid-schema:/scenario.schema.json',
        name: 'Each person in people.csv',
        data: { csv: './people.csv' },
        variables: { customId: '{{row.name}}-{{run.id}}' },
        steps: [
          {
            name: 'enroll',
            operation: 'enroll',
            body: { Person: { CustomID: '{{customId}}', Face: [{ 'Face-1': { $file: '../faces/{{row.face}}' } }] } },
          },
          {
            name: 'verify',
            operation: 'verify',
            body: { Person: { CustomID: '{{customId}}', Face: [{ 'Face-1': { $file: '../faces/{{row.face}}' } }] } },
            expect: { verdict: 'match' },
          },
        ],
        teardown: [{ name: 'delete', operation: 'delete', body: { Person: { CustomID: '{{customId}}' } } }],
      }),
    'README.md': () =>
      [
        '# BioPass ID sample workspace',
        '',
        'Synthetic images drawn in code (no real person) and request files, to try BioPass ID without',
        'your own data. `npm start` points the extension at a local sandbox that speaks the API contract.',
        '',
        '- **BioPass ID: Show Output** shows the extension log and the environment requests go to.',
        '- `faces/alice.jpg` and `faces/alice-again.jpg` are the same face; `faces/bob.jpg` is another.',
        '- `requests/` holds request files; `broken.biopass.json` has mistakes the validator finds.',
        '  The `biopassid` CLI (`node dist/cli.js` in the extension repository) checks and sends them:',
        '  `biopassid validate requests/*.biopass.json`,',
        '  `biopassid send enroll requests/alice.enroll.biopass.json --base-url <sandbox URL>`.',
        '- `scenarios/` holds test scenarios: they run in the Testing view (the beaker), with the *Run*',
        '  CodeLens, or `biopassid test --sandbox scenarios`.',
        '',
      ].join('\n'),
  };
  for (const [name, make] of Object.entries(files)) {
    const path = join(folder, name);
    if (existsSync(path)) continue;
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, make());
  }
  return folder;
}
