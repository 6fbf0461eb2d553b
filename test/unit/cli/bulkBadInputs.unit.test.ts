import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { REFUSED_CUSTOM_IDS, truncatedJpeg } from '../../support/badInputs';
import { writeFaces } from '../../support/bulkFolder';
import { cli } from './cliHarness';

interface BadFolder {
  what: string;
  /** Builds the input under dir and returns the bulk arguments (before --journal). */
  make: (dir: string) => string[];
  message: RegExp;
  needsNonRoot?: boolean;
}

const faces = (dir: string, count = 2) => writeFaces(join(dir, 'in'), count);
const csv = (dir: string, text: string) => {
  faces(dir);
  writeFileSync(join(dir, 'in', 'list.csv'), text);
  return ['enroll', join('in', 'list.csv')];
};

const BAD_FOLDERS: BadFolder[] = [
  {
    what: 'an unreadable file',
    make: (dir) => {
      faces(dir);
      chmodSync(join(dir, 'in', 'person-0001.jpg'), 0o000);
      return ['enroll', 'in'];
    },
    message: /person-0001\.jpg cannot be read: permission denied/,
    needsNonRoot: true,
  },
  {
    what: 'a symbolic link loop of folders',
    make: (dir) => {
      faces(dir);
      mkdirSync(join(dir, 'in', 'sub'));
      symlinkSync('..', join(dir, 'in', 'sub', 'up'));
      return ['enroll', 'in'];
    },
    message: /sub\/up is a symbolic link loop: it leads back to a folder that contains it/,
  },
  {
    what: 'a symbolic link to itself',
    make: (dir) => {
      faces(dir);
      symlinkSync('self.jpg', join(dir, 'in', 'self.jpg'));
      return ['enroll', 'in'];
    },
    message: /self\.jpg is a symbolic link loop \(too many levels/,
  },
  {
    what: 'a text file named .jpg',
    make: (dir) => {
      faces(dir);
      writeFileSync(join(dir, 'in', 'notes.jpg'), 'just some text');
      return ['enroll', 'in'];
    },
    message: /notes\.jpg is not an image; this takes a face image/,
  },
  {
    what: 'a file that is not an image file at all',
    make: (dir) => {
      faces(dir);
      writeFileSync(join(dir, 'in', 'readme.txt'), 'hello');
      return ['enroll', 'in'];
    },
    message: /readme\.txt is not an image file \(\.jpg/,
  },
  {
    what: 'a truncated JPEG',
    make: (dir) => {
      faces(dir);
      writeFileSync(join(dir, 'in', 'cut.jpg'), truncatedJpeg(40));
      return ['enroll', 'in'];
    },
    message: /cut\.jpg is a truncated JPEG/,
  },
  {
    what: 'an empty folder',
    make: (dir) => {
      mkdirSync(join(dir, 'in'));
      return ['enroll', 'in'];
    },
    message: /holds no images: nothing to do/,
  },
  {
    what: 'two images with one CustomID',
    make: (dir) => {
      faces(dir);
      writeFileSync(join(dir, 'in', 'person-0001.png'), sampleFaceJpeg(3, 96));
      return ['enroll', 'in'];
    },
    message: /Duplicate CustomID person-0001: person-0001\.jpg and person-0001\.png/,
  },
  {
    what: 'a CustomID twice in a CSV',
    make: (dir) => csv(dir, 'person-0000.jpg,ana\nperson-0001.jpg,ana\n'),
    message: /Duplicate CustomID ana: list\.csv line 1 and list\.csv line 2 would both be its face/,
  },
  {
    what: 'a CSV with an unclosed quote',
    make: (dir) => csv(dir, 'person-0000.jpg,"ana\nperson-0001.jpg,bo\n'),
    message: /list\.csv is not a well-formed CSV file: Quote Not Closed/,
  },
  {
    what: 'a CSV with a stray quote',
    make: (dir) => csv(dir, 'person-0000.jpg,an"a"\n'),
    message: /list\.csv is not a well-formed CSV file: .*quote/i,
  },
  {
    what: 'a CSV row with a missing column',
    make: (dir) => csv(dir, '\uFEFFfile,customId\r\nperson-0000.jpg\r\nperson-0001.jpg,bo\r\n'),
    message: /list\.csv line 2: expected file,customId\[,finger\], found 1 column/,
  },
  {
    what: 'a CSV naming a file outside its folder',
    make: (dir) => csv(dir, '../../etc/passwd,ana\n'),
    message: /list\.csv line 1: \.\.\/\.\.\/etc\/passwd is outside/,
  },
  {
    what: 'a CSV with an unknown finger position',
    make: (dir) => csv(dir, 'person-0000.jpg,ana,left-pinkie\n'),
    message: /"left-pinkie" is not a position/,
  },
  ...REFUSED_CUSTOM_IDS.filter(({ value }) => !/[\n"]/.test(value) && value.trim() !== '').map(
    ({ what, value, message }): BadFolder => ({
      what: `a CSV CustomID: ${what}`,
      make: (dir) => csv(dir, `person-0000.jpg,"${value}"\n`),
      message: new RegExp(`list\\.csv line 1: ${message.replace(/[()…]/g, '.')}`),
    }),
  ),
  {
    what: 'a file that is not our journal',
    make: (dir) => {
      faces(dir);
      writeFileSync(join(dir, 'j.jsonl'), 'customId,result\nana,enrolled\n');
      return ['enroll', 'in'];
    },
    message: /j\.jsonl is not a BioPass ID bulk journal/,
  },
];

describe('biopassid bulk: bad input gets a clear message and nothing is sent (real HTTP to the sandbox)', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    dir = mkdtempSync(join(tmpdir(), 'bpid-bulk-bad-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const bad of BAD_FOLDERS) {
    const skip = bad.needsNonRoot && process.getuid?.() === 0;
    (skip ? it.skip : it)(`${bad.what}: exit 1, the problem named, no request, no journal`, async () => {
      const hadJournal = bad.what.includes('journal');
      const args = bad.make(dir);
      const run = await cli(['bulk', ...args, '--journal', 'j.jsonl', '--base-url', sandbox.url], env, dir);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stderr, bad.message);
      assert.match(run.stderr, /[Nn]othing was sent/);
      assert.deepEqual(sandbox.requestLog, []);
      if (!hadJournal) assert.equal(existsSync(join(dir, 'j.jsonl')), false, 'no journal is started');
    });
  }

  it('--skip-invalid sends the valid persons and lists the others in the report', async () => {
    faces(dir, 3);
    writeFileSync(join(dir, 'in', 'person-0001.jpg'), 'not a jpeg');
    const run = await cli(
      [
        'bulk',
        'enroll',
        'in',
        '--journal',
        'j.jsonl',
        '--skip-invalid',
        '--report',
        'r.csv',
        '--base-url',
        sandbox.url,
      ],
      env,
      dir,
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /2 enrolled, 1 invalid/);
    assert.deepEqual(
      // Sent concurrently: the order of arrival is not the order of the folder.
      sandbox.requestLog.map((entry) => entry.customId).sort(),
      ['person-0000', 'person-0002'],
    );
    assert.equal(sandbox.requestLog.length, 2);
  });
});
