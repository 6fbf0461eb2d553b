import * as assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { formatSandboxBanner, startSandbox } from '../../../../src/core/sandbox';
import { b64, callOk, person } from './client';

const face = sampleFaceJpeg(0);

describe('sandbox lifecycle', () => {
  it('listens on loopback on a free port, with a generated key', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      assert.ok(sandbox.port > 0);
      assert.equal(sandbox.url, `http://127.0.0.1:${sandbox.port}`);
      assert.match(sandbox.key, /^sandbox-[0-9a-f]{24}$/);
      const other = await startSandbox();
      assert.notEqual(other.key, sandbox.key);
      await other.close();
    } finally {
      await sandbox.close();
    }
  });

  it('accepts every given key and names the first', async () => {
    const sandbox = await startSandbox({ keys: ['key-one', 'key-two'] });
    try {
      assert.equal(sandbox.key, 'key-one');
      await callOk(sandbox, 'enroll', person('k', { face }));
      const response = await fetch(`${sandbox.url}/multibiometrics/verify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': 'key-two' },
        body: JSON.stringify(person('k', { face })),
      });
      assert.equal(response.status, 200);
    } finally {
      await sandbox.close();
    }
    await assert.rejects(startSandbox({ keys: [] }), RangeError);
  });

  it('forgets persons on reset', async () => {
    const sandbox = await startSandbox();
    try {
      await callOk(sandbox, 'enroll', person('r', { face }));
      sandbox.reset();
      await callOk(sandbox, 'enroll', person('r', { face }));
    } finally {
      await sandbox.close();
    }
  });

  it('closes promptly with a keep-alive connection open', async () => {
    const sandbox = await startSandbox();
    const agent = new Agent({ keepAlive: true });
    try {
      await new Promise<void>((resolve, reject) => {
        const req = request(`${sandbox.url}/multibiometrics/face_detect`, {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key },
        });
        req.on('error', reject);
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.end(JSON.stringify({ Check: { Image: b64(face) } }));
      });
      assert.equal(Object.keys(agent.freeSockets).length, 1, 'the connection stays open for reuse');
      const started = performance.now();
      await sandbox.close();
      assert.ok(performance.now() - started < 1000, 'close() does not wait for the keep-alive timeout');
    } finally {
      agent.destroy();
    }
  });

  it('closes promptly with a stalled response and a pending latency, and can be called twice', async () => {
    const sandbox = await startSandbox();
    sandbox.injectFault({ kind: 'stall', match: { operation: 'face_detect' } });
    sandbox.injectFault({ kind: 'latency', ms: 60_000, match: { operation: 'check_icao' } });
    const body = JSON.stringify({ Check: { Image: b64(face) } });
    const headers = { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key };
    const response = await fetch(`${sandbox.url}/multibiometrics/face_detect`, { method: 'POST', headers, body });
    // Asserted right away, so neither rejection goes unhandled while the sandbox closes.
    const unfinished = assert.rejects(response.text());
    const slow = assert.rejects(fetch(`${sandbox.url}/quality/check_icao`, { method: 'POST', headers, body }));
    // The slow request shows nowhere until it is answered: give it time to reach its latency.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = performance.now();
    await Promise.all([sandbox.close(), sandbox.close()]);
    assert.ok(performance.now() - started < 1000);
    await Promise.all([unfinished, slow]);
  });

  it('formats a banner with the URL, the key and how to use them', async () => {
    const sandbox = await startSandbox({ keys: ['banner-key'] });
    try {
      const text = formatSandboxBanner(sandbox).join('\n');
      assert.ok(text.includes(sandbox.url));
      assert.ok(text.includes('Ocp-Apim-Subscription-Key: banner-key'));
      assert.ok(text.includes(`"biopassid.customBaseUrl": "${sandbox.url}"`));
      assert.ok(text.includes('"biopassid.environment": "custom"'));
      assert.ok(text.includes(`BIOPASSID_API_KEY=banner-key biopassid <command> --base-url ${sandbox.url}`));
      assert.ok(
        formatSandboxBanner({ url: sandbox.url, key: "it's" }).join('\n').includes(`BIOPASSID_API_KEY='it'\\''s'`),
      );
    } finally {
      await sandbox.close();
    }
  });
});
