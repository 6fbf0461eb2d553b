import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';

const ROOT = join(__dirname, '../../../..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('npm run package:cli: the CLI as its own npm package', function () {
  this.timeout(120_000);
  let dir: string;
  let biopassid: string;
  let files: string[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-package-'));
    // The unit tier has just built dist/; --no-build packs it as it is.
    const packed = spawnSync(process.execPath, [join(ROOT, 'scripts/package-cli.mjs'), '--no-build', '--out', dir], {
      encoding: 'utf8',
    });
    assert.equal(packed.status, 0, packed.stderr);
    const tgz = join(dir, `biopassid-cli-${version}.tgz`);
    files = spawnSync('tar', ['tzf', tgz], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    // A clean prefix, offline: the package has no dependencies to fetch.
    const prefix = join(dir, 'prefix');
    const installed = spawnSync(
      'npm',
      ['install', '-g', tgz, '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--loglevel', 'error'],
      { encoding: 'utf8' },
    );
    assert.equal(installed.status, 0, installed.stderr);
    biopassid = join(prefix, 'bin', 'biopassid');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the CLI bundle, the zod bundle it loads, its README and license, and no VS Code code', () => {
    // dist/cli.js.LEGAL.txt (licenses of bundled code) is there after a production build.
    assert.deepEqual(
      files.filter((file) => file !== 'package/dist/cli.js.LEGAL.txt'),
      ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/dist/zod.js', 'package/package.json'],
    );
    const manifest = JSON.parse(
      readFileSync(join(dir, 'prefix', 'lib', 'node_modules', 'biopassid-cli', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.deepEqual(manifest.bin, { biopassid: './dist/cli.js' });
    assert.equal(manifest.dependencies, undefined);
    const bundle = readFileSync(join(dir, 'prefix', 'lib', 'node_modules', 'biopassid-cli', 'dist', 'cli.js'), 'utf8');
    assert.doesNotMatch(bundle, /require\(["']vscode["']\)/);
  });

  it('the installed biopassid prints its version, validates a request file and imports a curl command from stdin', () => {
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, 'face.jpg'), sampleFaceJpeg(2));
    writeFileSync(
      join(work, 'good.enroll.biopass.json'),
      JSON.stringify({ Person: { CustomID: 'p-1', Face: [{ 'Face-1': { $file: './face.jpg' } }] } }),
    );
    writeFileSync(join(work, 'bad.enroll.biopass.json'), JSON.stringify({ Person: { CustomId: 'p-1' } }));
    const run = (args: string[], input?: string) => spawnSync(biopassid, args, { cwd: work, encoding: 'utf8', input });
    const shown = run(['--version']);
    assert.equal(shown.status, 0);
    assert.equal(shown.stdout.trim(), version);
    assert.equal(run(['validate', 'good.enroll.biopass.json']).status, 0);
    const bad = run(['validate', 'bad.enroll.biopass.json']);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /bad\.enroll\.biopass\.json:1:\d+: error: .*"CustomId".*did you mean "CustomID"/);
    const imported = run(
      ['from-curl'],
      `curl -X DELETE https://hml-api.biopassid.com/multibiometrics/delete \\\n  -H 'Ocp-Apim-Subscription-Key: installed-test-key-0000000' -d '{"Person":{"CustomID":"p-1"}}'\n`,
    );
    assert.equal(imported.status, 0, imported.stderr);
    assert.ok(readdirSync(work).includes('p-1.delete.biopass.json'));
    assert.doesNotMatch(readFileSync(join(work, 'p-1.delete.biopass.json'), 'utf8'), /installed-test-key/);
  });

  it('the installed biopassid speaks Portuguese under LANG=pt_BR.UTF-8 with no file besides its bundle', () => {
    const run = (args: string[], env: Record<string, string>) =>
      spawnSync(biopassid, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    const help = run(['--help'], { LANG: 'pt_BR.UTF-8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(
      help.stdout,
      /^biopassid: a API de biometria da BioPass ID na linha de comando\n\nUso: biopassid <comando>/,
    );
    const english = run(['--lang', 'en', '--help'], { LANG: 'pt_BR.UTF-8' });
    assert.match(english.stdout, /^biopassid: the BioPass ID biometrics API from the command line/);
    const refused = run(['--lang', 'xx', '--help'], { LANG: 'pt_BR.UTF-8' });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--lang "xx" não é um idioma que esta CLI fala: use en ou pt-br\./);
  });

  it('the installed biopassid runs the local sandbox until Ctrl-C', async () => {
    const server = spawn(biopassid, ['sandbox', '--key', 'fake-key-for-tests-0002'], { stdio: 'pipe' });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let banner = '';
        server.stdout.on('data', (chunk: Buffer) => {
          banner += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
          if (match?.[1]) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
      });
      const answer = await fetch(`${url}/multibiometrics/delete`, {
        method: 'DELETE',
        headers: { 'Ocp-Apim-Subscription-Key': 'fake-key-for-tests-0002', 'Content-Type': 'application/json' },
        body: JSON.stringify({ Person: { CustomID: 'nobody' } }),
      });
      assert.equal(answer.status, 400, 'the sandbox answers: nobody is enrolled under that CustomID');
      const stopped = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      server.kill('SIGINT');
      assert.equal(await stopped, 0);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
