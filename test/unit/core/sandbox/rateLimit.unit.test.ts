import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../../src/core/sandbox';

describe('sandbox rate option: the gateway rate limit, over a real socket', () => {
  it('lets N calls a second through and answers the next 429 with Retry-After and the gateway message', async () => {
    const sandbox = await startSandbox({ rate: 2 });
    try {
      const call = () =>
        fetch(`${sandbox.url}/multibiometrics/liveness`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Ocp-Apim-Subscription-Key': sandbox.key },
          body: '{}',
        });
      const answers = [];
      for (let index = 0; index < 3; index++) answers.push(await call());
      assert.deepEqual(
        answers.map((answer) => answer.status === 429),
        [false, false, true],
      );
      const limited = answers[2] as Response;
      assert.equal(limited.headers.get('retry-after'), '1');
      assert.deepEqual(await limited.json(), {
        statusCode: 429,
        message: 'Rate limit is exceeded. Try again in 1 seconds.',
      });
      // A wrong key is refused as a 401 first, as the gateway checks the key before counting.
      const denied = await fetch(`${sandbox.url}/multibiometrics/liveness`, { method: 'POST', body: '{}' });
      assert.equal(denied.status, 401);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a rate that is not a whole number of calls', async () => {
    await assert.rejects(startSandbox({ rate: 0 }), /rate must be an integer >= 1/);
  });
});
