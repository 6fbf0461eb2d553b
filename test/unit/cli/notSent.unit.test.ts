import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { closedPort, RawLoopback } from '../core/http/loopback';
import { cli } from './cliHarness';

const KEY = 'k3y5ecret-notsent-0123456789abcdef';
const NOT_SENT = /the request was not sent, so sending it again is safe\.\n/;
const MAY_HAVE = /The request may have been processed: the biometrics may already be stored\./;

/**
 * What `biopassid enroll` says when the request never left this machine (it is safe to send
 * again), against what it says when it was sent and then lost (it may have been stored).
 * Over real loopback sockets, through the CLI's own undici fetch.
 */
describe('biopassid enroll: not sent versus sent and lost', () => {
  let dir: string;
  let face: string;
  const raws: RawLoopback[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-notsent-'));
    face = join(dir, 'face.jpg');
    writeFileSync(face, sampleFaceJpeg(62));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await Promise.all(raws.splice(0).map((raw) => raw.close()));
  });

  async function enroll(baseUrl: string, ...more: string[]) {
    const run = await cli(['enroll', face, '--custom-id', 'notsent-1', '--base-url', baseUrl, ...more], {
      BIOPASSID_API_KEY: KEY,
    });
    assert.equal(run.code, 1, run.stderr);
    return run.stderr;
  }

  async function raw(onRequest: Parameters<typeof RawLoopback.start>[0]): Promise<RawLoopback> {
    const server = await RawLoopback.start(onRequest);
    raws.push(server);
    return server;
  }

  const notSent: Array<[string, () => Promise<string>, RegExp]> = [
    ['a refused connection', async () => `http://127.0.0.1:${await closedPort()}`, /^Connection refused by /],
    // Not fetch's port blocklist (the editor's): the CLI connects to 10080, where nothing listens.
    [
      'a port fetch blocks (10080)',
      async () => 'http://127.0.0.1:10080',
      /^Connection refused by 127\.0\.0\.1:10080\n/,
    ],
    ['a host that does not resolve (.invalid)', async () => 'http://biopassid-cli.invalid', /^Host .* not found\n/],
  ];
  for (const [name, target, summary] of notSent) {
    it(`says "not sent, safe to send again" for ${name}`, async () => {
      const stderr = await enroll(await target());
      assert.match(stderr, summary);
      assert.match(stderr, NOT_SENT);
      assert.doesNotMatch(stderr, /may have been processed|Run Verify/);
    });
  }

  it('says "may have been processed" for a connection reset after the request was sent', async () => {
    const server = await raw((socket) => socket.resetAndDestroy());
    const stderr = await enroll(server.baseUrl);
    assert.match(stderr, MAY_HAVE);
    assert.match(stderr, /Run Verify with the same CustomID/);
    assert.doesNotMatch(stderr, /not sent/);
    assert.equal(server.hits, 1);
  });

  it('says "may have been processed" for a timeout after the request was sent', async () => {
    const server = await raw(() => {
      // Reads the request and never answers.
    });
    const stderr = await enroll(server.baseUrl, '--timeout', '0.5');
    assert.match(stderr, /^No complete answer from .* within 500 ms\n/);
    assert.match(stderr, MAY_HAVE);
    assert.doesNotMatch(stderr, /not sent/);
  });

  it('says "may have been processed" for a 200 whose body is cut off', async () => {
    const server = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"Person":');
      setTimeout(() => socket.destroy(), 20);
    });
    const stderr = await enroll(server.baseUrl);
    assert.match(stderr, /^Answer 200 cut off\n/);
    assert.match(stderr, MAY_HAVE);
    assert.doesNotMatch(stderr, /not sent/);
  });
});
