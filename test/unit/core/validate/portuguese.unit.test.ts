import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bundle, useBundle } from '../../../../src/core/l10n';
import { validateRequest } from '../../../../src/core/validate/validateRequest';
import { pretty, single } from './helpers';

const PT_BR = join(__dirname, '../../../../../l10n/bundle.l10n.pt-br.json');

describe('validateRequest in Brazilian Portuguese', () => {
  before(() => useBundle(JSON.parse(readFileSync(PT_BR, 'utf8')) as Bundle));
  after(() => useBundle(undefined));

  it('tells what is wrong, and offers its fix, in Portuguese, while codes stay as they are', () => {
    const text = pretty({ Person: { CustomID: ' 1234 ', Face: [{ 'Face-1': 'data:image/jpeg;base64,' }] } });
    const diagnostics = validateRequest(text, { operation: 'enroll' }).diagnostics;
    const whitespace = diagnostics.find((each) => each.code === 'customid-whitespace');
    assert.equal(
      whitespace?.message,
      'O CustomID começa ou termina com espaço em branco: a API guarda o ID exatamente como foi enviado, então " 1234 " e "1234" seriam duas pessoas diferentes.',
    );
    assert.equal(whitespace?.fix?.title, 'Remover os espaços das pontas');
    const prefix = diagnostics.find((each) => each.code === 'base64-data-uri');
    assert.match(
      prefix?.message ?? '',
      /^Person\.Face\[0\]\.Face-1 começa com o prefixo de data URI "data:image\/jpeg;base64,"/,
    );
    assert.equal(prefix?.fix?.title, 'Remover o prefixo data:');
  });

  it('names the operation and keeps the API’s own English answer', () => {
    const diagnostic = single(pretty({ Person: { CustomID: '1234' } }), { operation: 'enroll' });
    assert.equal(diagnostic.code, 'missing-biometric');
    assert.match(diagnostic.message, /^Uma requisição para cadastrar precisa de pelo menos uma imagem/);
    assert.match(diagnostic.message, /A API responde 400 "Invalid JSON format"\.$/);
  });

  it('speaks English again once the bundle is taken away', () => {
    useBundle(undefined);
    try {
      const diagnostic = single(pretty({ Person: { CustomID: '1234' } }), { operation: 'enroll' });
      assert.match(diagnostic.message, /^An enroll request needs at least one image/);
    } finally {
      useBundle(JSON.parse(readFileSync(PT_BR, 'utf8')) as Bundle);
    }
  });
});
