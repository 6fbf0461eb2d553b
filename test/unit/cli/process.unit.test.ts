import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';

/** The bundled CLI as users run it (built by scripts/build.mjs before the tests). */
const CLI = join(__dirname, '../../../../dist/cli.js');

describe('the biopassid executable (dist/cli.js)', () => {
  it('prints its version and help, and exits 2 without a command', () => {
    const version = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
    const bare = spawnSync(process.execPath, [CLI], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stdout, /Usage: biopassid <command>/);
  });

  it('runs a sandbox that another biopassid process enrolls into, and stops on Ctrl-C', async function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'bpid-cli-proc-'));
    const face = join(dir, 'face.jpg');
    writeFileSync(face, sampleFaceJpeg(3));
    const server = spawn(process.execPath, [CLI, 'sandbox', '--key', 'fake-key-for-tests-0001'], { stdio: 'pipe' });
    try {
      let banner = '';
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          banner += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
          if (match?.[1]) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
      });
      assert.match(banner, /BIOPASSID_API_KEY=fake-key-for-tests-0001 biopassid <command> --base-url/);
      const enroll = spawnSync(process.execPath, [CLI, 'enroll', face, '--custom-id', 'p1', '--base-url', url], {
        encoding: 'utf8',
        env: { ...process.env, BIOPASSID_API_KEY: 'fake-key-for-tests-0001' },
      });
      assert.equal(enroll.status, 0, enroll.stderr);
      assert.match(enroll.stdout, /^Enrolled p1 -> BioPassID /);
      const stopped = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      server.kill('SIGINT');
      assert.equal(await stopped, 0);
    } finally {
      server.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
