import * as assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { journalRecords, personId, requestsById, writeFaces, writePersonFolders } from '../../support/bulkFolder';
import { cli } from './cliHarness';

describe('biopassid bulk: a folder of people, journaled and resumable (real HTTP to the sandbox)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let dir: string;
  let env: Record<string, string>;
  const base = () => ['--base-url', sandbox.url];
  const bulk = (...args: string[]) => cli(['bulk', ...args], env, dir);
  const enrolls = () => sandbox.requestLog.filter((entry) => entry.operation === 'enroll');

  before(async () => {
    sandbox = await startSandbox();
    env = { BIOPASSID_API_KEY: sandbox.key };
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    dir = mkdtempSync(join(tmpdir(), 'bpid-bulk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('enrolls every face of a folder once; the same command again resumes with no request', async () => {
    const ids = writeFaces(join(dir, 'faces'), 12);
    const first = await bulk('enroll', 'faces', '--journal', 'run.jsonl', '--report', 'report.csv', ...base());
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /bulk enroll: 12 enrolled \(.* 12 requests\)/);
    assert.deepEqual([...requestsById(sandbox.requestLog, 'enroll', 200).keys()].sort(), ids);
    const report = readFileSync(join(dir, 'report.csv'), 'utf8');
    assert.match(report, /^customId,result,cause,status,bioPassId,files\r\n/);
    assert.match(report, /person-0003,enrolled,,,[0-9a-f-]+,person-0003\.jpg/);

    const before = sandbox.requestLog.length;
    const again = await bulk('enroll', 'faces', '--journal', 'run.jsonl', ...base());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /12 already-done .* 0 requests/);
    assert.equal(sandbox.requestLog.length, before, 'no request on resume');

    // The journal holds CustomIDs, paths and digests: never the key or any image.
    const text = readFileSync(join(dir, 'run.jsonl'), 'utf8');
    assert.ok(!text.includes(sandbox.key));
    assert.ok(!text.includes(sampleFaceJpeg(3, 96).toString('base64').slice(100, 140)));
    const records = journalRecords(join(dir, 'run.jsonl'));
    assert.equal(records[0]?.type, 'header');
    assert.deepEqual([...new Set(records.map((record) => record.type))].sort(), [
      'confirmed',
      'header',
      'planned',
      'run',
      'sent',
    ]);
    const status = await bulk('status', '--journal', 'run.jsonl');
    assert.match(status.stdout, /12 planned: 12 confirmed, 0 failed/);
  });

  it('--id-from folder: one person per folder, face and fingers in one enroll', async () => {
    writePersonFolders(join(dir, 'people'), ['ana', 'bo']);
    const run = await bulk('enroll', 'people', '--id-from', 'folder', '--journal', 'j.jsonl', ...base());
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual([...requestsById(sandbox.requestLog, 'enroll', 200).entries()].sort(), [
      ['ana', 1],
      ['bo', 1],
    ]);
    const verify = await cli(
      ['verify', join('people', 'bo', 'right-index.tif'), '--custom-id', 'bo', '--finger', '2', ...base()],
      env,
      dir,
    );
    assert.equal(verify.code, 0, `right-index.tif went in as Finger-2: ${verify.stdout}`);
  });

  it('--ids map.csv with a BOM, CRLF, quotes and a finger column; report cells are safe in a spreadsheet', async () => {
    writeFaces(join(dir, 'in'), 3);
    writePersonFolders(join(dir, 'in'), ['x'], ['finger-3']);
    writeFileSync(
      join(dir, 'map.csv'),
      '\uFEFFfile,customId,finger\r\nperson-0000.jpg,"=HYPERLINK(""x"")"\r\n"person-0001.jpg",Ana Souza,\r\n\r\nx/finger-3.tif,Ana Souza,3\r\n',
    );
    const run = await bulk('enroll', 'in', '--ids', 'map.csv', '--journal', 'j.jsonl', '--report', 'r.csv', ...base());
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.deepEqual([...requestsById(sandbox.requestLog, 'enroll', 200).keys()].sort(), [
      '=HYPERLINK("x")',
      'Ana Souza',
    ]);
    const report = readFileSync(join(dir, 'r.csv'), 'utf8');
    assert.match(report, /\r\n"'=HYPERLINK\(""x""\)",enrolled,/, 'a formula is escaped and quoted');
    assert.match(report, /Ana Souza,enrolled,.*,person-0001\.jpg x\/finger-3\.tif/);
  });

  it('resume reconciles persons sent without an answer: a verify with the same image decides, no second enroll', async () => {
    writeFaces(join(dir, 'faces'), 4);
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', '--dry-run', ...base())).code, 0);
    assert.equal(existsSync(join(dir, 'j.jsonl')), false, 'a dry run writes no journal');
    assert.equal(sandbox.requestLog.length, 0, 'a dry run sends nothing');
    // A first run, then a "crash" just after two sends: person-0001 reached the service, person-0002 did not.
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base())).code, 0);
    const lines = readFileSync(join(dir, 'j.jsonl'), 'utf8').split('\n');
    const crashed = lines.filter(
      (line) => !/"type":"confirmed".*"person-000[12]"|"customId":"person-000[12]".*"type":"confirmed"/.test(line),
    );
    writeFileSync(join(dir, 'j.jsonl'), crashed.join('\n'));
    await cli(['delete', '--custom-id', personId(2), ...base()], env, dir);
    sandbox.reset();
    await cli(['enroll', join('faces', 'person-0001.jpg'), '--custom-id', personId(1), ...base()], env, dir);
    const resumed = await bulk('enroll', 'faces', '--journal', 'j.jsonl', '--report', 'r.json', ...base());
    assert.equal(resumed.code, 0, resumed.stderr);
    const ops = sandbox.requestLog.slice(1).map((entry) => `${entry.operation} ${entry.customId} ${entry.status}`);
    assert.deepEqual(ops.sort(), [
      `enroll ${personId(2)} 200`,
      `verify ${personId(1)} 200`,
      `verify ${personId(2)} 400`,
    ]);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      persons: { customId: string; result: string; cause?: string }[];
    };
    assert.deepEqual(report.persons.map((person) => [person.customId, person.result]).sort(), [
      [personId(0), 'already-done'],
      [personId(1), 'enrolled'],
      [personId(2), 'enrolled'],
      [personId(3), 'already-done'],
    ]);
    assert.match(report.persons.find((person) => person.customId === personId(1))?.cause ?? '', /verify/);
  });

  it('a 400 "already enrolled" counts as done only when a verify with the same image matches', async () => {
    writeFaces(join(dir, 'faces'), 3);
    writeFileSync(join(dir, 'other.jpg'), sampleFaceJpeg(900, 96));
    await cli(['enroll', join('faces', 'person-0000.jpg'), '--custom-id', personId(0), ...base()], env, dir);
    await cli(['enroll', 'other.jpg', '--custom-id', personId(1), ...base()], env, dir);
    const run = await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base());
    assert.equal(run.code, 1);
    assert.match(run.stdout, /person-0001: failed \(CustomID already enrolled with other biometrics/);
    assert.match(run.stdout, /person-0000: enrolled \(already enrolled with these images/);
    assert.match(run.stdout, /1 enrolled|2 enrolled/);
    // Rollback deletes what this journal enrolled, not the person found already there.
    const rollback = await bulk('rollback', '--journal', 'j.jsonl', ...base());
    assert.equal(rollback.code, 0, rollback.stderr);
    assert.deepEqual([...requestsById(sandbox.requestLog, 'delete').keys()], [personId(2)]);
    assert.equal((await bulk('rollback', '--journal', 'j.jsonl', ...base())).code, 0);
    assert.equal(requestsById(sandbox.requestLog, 'delete').size, 1, 'a finished rollback sends nothing more');
  });

  it("a resume reads no image whose size and modification time are as recorded (as git's index decides)", async () => {
    const faces = join(dir, 'faces');
    writeFaces(faces, 4);
    // Whole seconds, so the times set again below are exactly the recorded ones.
    for (const name of readdirSync(faces)) utimesSync(join(faces, name), 1_700_000_000, 1_700_000_000);
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base())).code, 0);
    // Bytes that are no image, with the size and time recorded: a resume that read the file would refuse it.
    const third = join(faces, 'person-0002.jpg');
    writeFileSync(third, Buffer.alloc(statSync(third).size, 0x20));
    utimesSync(third, 1_700_000_000, 1_700_000_000);
    const resumed = await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base());
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /4 already-done .* 0 requests/);
    // A time that differs gets the file read and checked.
    utimesSync(third, 1_700_000_001, 1_700_000_001);
    const checked = await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base());
    assert.equal(checked.code, 1);
    assert.match(checked.stderr, /person-0002\.jpg/);
  });

  it('a changed image is reported, and updated only with --update-changed', async () => {
    writeFaces(join(dir, 'faces'), 3);
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base())).code, 0);
    writeFileSync(join(dir, 'faces', 'person-0001.jpg'), sampleFaceJpeg(77, 96));
    const reported = await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base());
    assert.equal(reported.code, 1);
    assert.match(reported.stdout, /person-0001: changed \(the images changed .*--update-changed/);
    assert.equal(sandbox.requestLog.filter((entry) => entry.operation === 'update').length, 0);
    const updated = await bulk('enroll', 'faces', '--journal', 'j.jsonl', '--update-changed', ...base());
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /person-0001: updated/);
    const verify = await cli(
      ['verify', join('faces', 'person-0001.jpg'), '--custom-id', personId(1), ...base()],
      env,
      dir,
    );
    assert.equal(verify.code, 0, 'the new image is the one stored');
  });

  it('refuses a journal of another operation, folder or environment, one that is not a journal, and a locked one', async () => {
    writeFaces(join(dir, 'faces'), 2);
    writeFaces(join(dir, 'more'), 1, 5);
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base())).code, 0);
    const sent = sandbox.requestLog.length;
    const other = await startSandbox({ keys: [sandbox.key] });
    try {
      const cases: [string[], RegExp][] = [
        [['update', 'faces', '--journal', 'j.jsonl', ...base()], /operation enroll, not update/],
        [['enroll', 'more', '--journal', 'j.jsonl', ...base()], /source .*faces, not .*more/],
        [
          ['enroll', 'faces', '--journal', 'j.jsonl', '--base-url', other.url],
          /environment http:\/\/127\.0\.0\.1:\d+, not/,
        ],
        [
          ['enroll', 'faces', '--journal', join('faces', 'person-0000.jpg'), ...base()],
          /is not a BioPass ID bulk journal/,
        ],
      ];
      for (const [args, message] of cases) {
        const run = await bulk(...args);
        assert.equal(run.code, 1, args.join(' '));
        assert.match(run.stderr, message);
        assert.match(run.stderr, /nothing was sent/);
      }
      writeFileSync(join(dir, 'foreign.jsonl'), '{"type":"header","format":"something-else"}\n');
      assert.match(
        (await bulk('enroll', 'faces', '--journal', 'foreign.jsonl', ...base())).stderr,
        /not a BioPass ID bulk journal/,
      );
      assert.equal(other.requestLog.length, 0);
    } finally {
      await other.close();
    }
    // A live process holds the lock: refused. A lock left by a dead process is taken over.
    writeFileSync(
      join(dir, 'j.jsonl.lock'),
      JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), since: 'now' }),
    );
    const locked = await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base());
    assert.equal(locked.code, 1);
    assert.match(locked.stderr, new RegExp(`in use by process ${process.pid} .*two runs on one journal are refused`));
    writeFileSync(
      join(dir, 'j.jsonl.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: require('node:os').hostname(), since: 'then' }),
    );
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base())).code, 0);
    assert.equal(existsSync(join(dir, 'j.jsonl.lock')), false, 'the lock is released at the end');
    assert.equal(sandbox.requestLog.length, sent, 'nothing was sent by any refused run');
  });

  it('a torn last line (a kill mid-write) is tolerated and cut off before the next records', async () => {
    writeFaces(join(dir, 'faces'), 3);
    assert.equal((await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base())).code, 0);
    appendFileSync(join(dir, 'j.jsonl'), '{"type":"sent","customId":"person-00');
    assert.match((await bulk('status', '--journal', 'j.jsonl')).stdout, /cut short by an interrupted write/);
    writeFaces(join(dir, 'faces'), 1, 3);
    const run = await bulk('enroll', 'faces', '--journal', 'j.jsonl', ...base());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 enrolled, 3 already-done/);
    assert.doesNotThrow(() => journalRecords(join(dir, 'j.jsonl')), 'every line parses after the resume');
  });

  it('--rate keeps under the gateway limit; without it, a 429 pauses every worker and nobody is lost or doubled', async () => {
    const limited = await startSandbox({ keys: [sandbox.key], rate: 10 });
    try {
      const ids = writeFaces(join(dir, 'faces'), 12);
      const paced = await bulk(
        'enroll',
        'faces',
        '--journal',
        'a.jsonl',
        '--rate',
        '5',
        '--concurrency',
        '4',
        '--base-url',
        limited.url,
      );
      assert.equal(paced.code, 0, paced.stderr + paced.stdout);
      assert.equal(
        limited.requestLog.filter((entry) => entry.status === 429).length,
        0,
        '--rate 5 under a limit of 10/s',
      );
      const offset = limited.requestLog.length;
      const pushed = await bulk(
        'delete',
        'faces',
        '--journal',
        'b.jsonl',
        '--concurrency',
        '6',
        '--base-url',
        limited.url,
      );
      assert.equal(pushed.code, 0, pushed.stderr + pushed.stdout);
      const log = limited.requestLog.slice(offset);
      const refused = log.filter((entry) => entry.status === 429).length;
      assert.ok(refused > 0, 'the limit was hit');
      assert.match(pushed.stdout, /rate-limit pause/);
      assert.ok(refused <= 12, `paused workers do not hammer the gateway (${refused} refused)`);
      assert.deepEqual(
        [...requestsById(log, 'delete', 200).entries()].sort(),
        ids.map((id) => [id, 1]),
      );
    } finally {
      await limited.close();
    }
  });

  it('a 5xx is retried for an update, while an enroll is verified before it is sent again; gates keep out who fails them', async () => {
    writeFaces(join(dir, 'faces'), 3);
    sandbox.injectFault({ kind: 'status', status: 503, match: { operation: 'enroll' } });
    const run = await bulk('enroll', 'faces', '--journal', 'e.jsonl', '--concurrency', '1', ...base());
    assert.equal(run.code, 0, run.stderr + run.stdout);
    // The faulted request is answered before its body is read, so the log names no CustomID for it.
    const first = sandbox.requestLog
      .slice(0, 3)
      .map((entry) => `${entry.operation} ${entry.customId ?? ''} ${entry.status}`);
    assert.deepEqual(first, ['enroll  503', `verify ${personId(0)} 400`, `enroll ${personId(0)} 200`]);
    assert.equal(enrolls().length, 4);
    sandbox.injectFault({ kind: 'status', status: 502, match: { operation: 'update' } });
    const update = await bulk('update', 'faces', '--journal', 'u.jsonl', '--concurrency', '1', ...base());
    assert.equal(update.code, 0, update.stderr);
    assert.deepEqual(
      sandbox.requestLog.filter((entry) => entry.operation === 'update').map((entry) => entry.status),
      [502, 200, 200, 200],
    );
    // A face narrower than 64 px is a spoof in the sandbox: the live gate keeps it out.
    writeFileSync(join(dir, 'faces', 'person-0009.jpg'), sampleFaceJpeg(9, 48));
    sandbox.reset();
    const gated = await bulk(
      'enroll',
      'faces',
      '--journal',
      'g.jsonl',
      '--gate',
      'live,face=1',
      '--report',
      'g.csv',
      ...base(),
    );
    assert.equal(gated.code, 1);
    assert.match(gated.stdout, /person-0009: gated \(gate live: /);
    assert.equal(requestsById(sandbox.requestLog, 'enroll').has(personId(9)), false, 'not enrolled');
    assert.equal(requestsById(sandbox.requestLog, 'enroll').size, 3);
    assert.match(readFileSync(join(dir, 'g.csv'), 'utf8'), /person-0009,gated,gate live/);
  });

  it('icao>=N and nfiq<=K gates enroll exactly the persons the API grades well enough, and report the others', async () => {
    const ids = Array.from({ length: 8 }, (_, index) => personId(20 + index));
    writePersonFolders(join(dir, 'people'), ids, ['finger-1', 'right-index']);
    // What the API says of each image, asked the way any client would.
    const grade = async (
      path: string,
      file: string,
      pick: (body: Record<string, Record<string, number>>) => number,
    ) => {
      const image = readFileSync(join(dir, 'people', file)).toString('base64');
      const answer = await fetch(`${sandbox.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key },
        body: JSON.stringify({ Check: { Image: image } }),
      });
      return pick((await answer.json()) as Record<string, Record<string, number>>);
    };
    const icao = new Map<string, number>();
    const nfiq = new Map<string, number>();
    for (const id of ids) {
      icao.set(id, await grade('/quality/check_icao', `${id}/face.jpg`, (body) => body.ICAO?.FaceImageConformed ?? -1));
      const fingers = [
        await grade('/quality/check_nfiq', `${id}/finger-1.tif`, (body) => body.NFIQ?.Quality ?? 99),
        await grade('/quality/check_nfiq', `${id}/right-index.tif`, (body) => body.NFIQ?.Quality ?? 99),
      ];
      nfiq.set(id, Math.max(...fingers));
    }
    // Thresholds in the middle of what the images got, so that each gate lets some in and keeps some out.
    const icaoMin = [...icao.values()].sort((a, b) => a - b)[4] as number;
    const icaoPassers = ids.filter((id) => (icao.get(id) as number) >= icaoMin);
    const qualities = icaoPassers.map((id) => nfiq.get(id) as number).sort((a, b) => a - b);
    const nfiqMax = qualities[Math.floor((qualities.length - 1) / 2)] as number;
    const passes = (id: string) => (icao.get(id) as number) >= icaoMin && (nfiq.get(id) as number) <= nfiqMax;
    const admitted = ids.filter(passes);
    assert.ok(admitted.length > 0, `someone passes both gates (ICAO >= ${icaoMin}, NFIQ <= ${nfiqMax})`);
    assert.ok(icaoPassers.length < ids.length, 'the ICAO gate keeps someone out');
    assert.ok(admitted.length < icaoPassers.length, 'the NFIQ gate keeps out someone the ICAO gate let through');
    sandbox.reset();

    const run = await bulk(
      'enroll',
      'people',
      '--id-from',
      'folder',
      '--journal',
      'q.jsonl',
      '--gate',
      `icao>=${icaoMin},nfiq<=${nfiqMax}`,
      '--report',
      'q.csv',
      ...base(),
    );

    assert.equal(run.code, 1, 'a gated person makes the run exit 1');
    assert.deepEqual([...requestsById(sandbox.requestLog, 'enroll', 200).keys()].sort(), admitted);
    const report = readFileSync(join(dir, 'q.csv'), 'utf8');
    for (const id of ids.filter((id) => !passes(id))) {
      const gate = (icao.get(id) as number) < icaoMin ? 'icao' : 'nfiq';
      assert.match(run.stdout, new RegExp(`${id}: gated \\(gate ${gate}: `));
      assert.match(report, new RegExp(`${id},gated,"?gate ${gate}: `));
      assert.equal(requestsById(sandbox.requestLog, 'enroll').has(id), false, `${id} is not enrolled`);
    }
    for (const id of admitted) assert.match(report, new RegExp(`${id},enrolled,`));
  });

  it('bulk needs a subcommand, a journal and sane options (exit 2)', async () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['enroll', '.'],
      ['enroll', '.', '--journal', 'j', '--id-from', 'x'],
      ['enroll', '.', '--journal', 'j', '--gate', 'icao>99'],
    ]) {
      const run = await bulk(...args);
      assert.equal(run.code, 2, args.join(' '));
    }
    assert.equal(sandbox.requestLog.length, 0);
  });
});
