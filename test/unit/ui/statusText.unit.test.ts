import * as assert from 'node:assert/strict';
import { statusText } from '../../../src/ui/statusText';

describe('the status bar text: short, the detail in the tooltip', () => {
  it('names the environment short and the key state, with the full line in the tooltip', () => {
    const shown = statusText(
      'homologation',
      'Environment: homologation (https://hml-api.biopassid.com)',
      '••••abcd',
      true,
    );
    assert.equal(shown.text, '$(shield) hml ••••abcd');
    assert.equal(
      shown.tooltip,
      'BioPass ID\nEnvironment: homologation (https://hml-api.biopassid.com)\nKey: ••••abcd\nClick for key and environment actions.',
    );
    assert.equal(shown.accessibleLabel, 'BioPass ID: homologation, key ••••abcd');
    assert.equal(shown.warning, false);
  });

  it('warns without a key; the sandbox needs none', () => {
    assert.deepEqual(
      [statusText('production', 'Environment: production', 'not set', false)].map((s) => [s.text, s.warning]),
      [['$(warning) prod no key', true]],
    );
    assert.equal(statusText('custom', 'Environment: custom', 'from env', true).text, '$(shield) custom from env');
    assert.equal(statusText('sandbox', 'Environment: sandbox', 'running', true).text, '$(beaker) sandbox');
    assert.equal(statusText('sandbox', 'Environment: sandbox', 'starts on use', true).text, '$(beaker) sandbox idle');
  });

  it('stays short: at most 20 characters after the icon', () => {
    for (const environment of ['homologation', 'production', 'custom', 'sandbox'] as const) {
      const { text } = statusText(environment, '', '••••abcd', true);
      assert.ok(text.replace(/^\$\([a-z]+\) /, '').length <= 20, text);
    }
  });
});
