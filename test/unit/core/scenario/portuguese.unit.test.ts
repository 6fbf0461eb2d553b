import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bundle, useBundle } from '../../../../src/core/l10n';
import { parseScenarioText } from '../../../../src/core/scenario/load';

const PT_BR = join(__dirname, '../../../../../l10n/bundle.l10n.pt-br.json');

/** A scenario whose step name is a number: zod itself words that problem. */
const WRONG_TYPE = JSON.stringify({ steps: [{ name: 42, request: 'a.enroll.biopass.json' }] });

describe('scenario files: what zod itself says follows the language too', () => {
  afterEach(() => useBundle(undefined));

  it('a value of the wrong type is told in Portuguese with the pt-BR bundle, in English without it', () => {
    const english = parseScenarioText('a.biopass-test.json', WRONG_TYPE).problems.map((problem) => problem.message);
    assert.ok(
      english.some((message) => /^steps\.0\.name: .*expected string/i.test(message)),
      english.join(' | '),
    );
    useBundle(JSON.parse(readFileSync(PT_BR, 'utf8')) as Bundle);
    const portuguese = parseScenarioText('a.biopass-test.json', WRONG_TYPE).problems.map((problem) => problem.message);
    assert.ok(
      portuguese.some((message) => /^steps\.0\.name: Entrada inválida: esperava um texto/.test(message)),
      portuguese.join(' | '),
    );
  });
});
