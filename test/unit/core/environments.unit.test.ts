import * as assert from 'node:assert/strict';
import {
  DEFAULT_ENVIRONMENT,
  describeEnvironment,
  isEnvironmentId,
  resolveBaseUrl,
} from '../../../src/core/environments';

describe('environments', () => {
  it('defaults to homologation, the vendor staging host', () => {
    assert.equal(DEFAULT_ENVIRONMENT, 'homologation');
    assert.deepEqual(resolveBaseUrl('homologation'), { ok: true, baseUrl: 'https://hml-api.biopassid.com' });
    assert.deepEqual(resolveBaseUrl('production'), { ok: true, baseUrl: 'https://api.biopassid.com' });
  });

  it('accepts a custom http(s) base URL and drops trailing slashes', () => {
    assert.deepEqual(resolveBaseUrl('custom', ' http://127.0.0.1:8080/ '), {
      ok: true,
      baseUrl: 'http://127.0.0.1:8080',
    });
    assert.deepEqual(resolveBaseUrl('custom', 'https://gw.example.test/biopass//'), {
      ok: true,
      baseUrl: 'https://gw.example.test/biopass',
    });
  });

  it('explains why a custom base URL cannot be used', () => {
    const cases: [string, RegExp][] = [
      ['', /needs a base URL/],
      ['hml-api.biopassid.com', /not an absolute URL/],
      ['ftp://example.test', /http or https, not ftp/],
      ['https://example.test/?key=1', /query/],
      ['https://user:pw@example.test', /credentials/],
    ];
    for (const [input, reason] of cases) {
      const result = resolveBaseUrl('custom', input);
      assert.equal(result.ok, false, input);
      if (!result.ok) assert.match(result.reason, reason);
    }
  });

  it('recognises only the known environment ids', () => {
    assert.ok(isEnvironmentId('production'));
    assert.ok(!isEnvironmentId('prod'));
    assert.ok(!isEnvironmentId(undefined));
  });

  it('describes the environment in one line for the output channel', () => {
    assert.equal(describeEnvironment('homologation'), 'Environment: homologation (https://hml-api.biopassid.com)');
    assert.equal(describeEnvironment('custom', 'http://127.0.0.1:9/'), 'Environment: custom (http://127.0.0.1:9)');
    assert.match(describeEnvironment('custom', ''), /^Environment: custom \(not usable: .*biopassid\.customBaseUrl/);
  });
});
