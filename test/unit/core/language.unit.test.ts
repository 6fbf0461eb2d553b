import * as assert from 'node:assert/strict';
import { languageOfTag, pickLanguage } from '../../../src/core/l10n';

describe('the CLI language: --lang, else LC_ALL, LC_MESSAGES, LANG', () => {
  it('reads POSIX locales and BCP 47 tags: any Portuguese is pt-br, C and POSIX are English', () => {
    assert.equal(languageOfTag('pt_BR.UTF-8'), 'pt-br');
    assert.equal(languageOfTag('pt_BR.utf8@euro'), 'pt-br');
    assert.equal(languageOfTag('pt-BR'), 'pt-br');
    assert.equal(languageOfTag('pt'), 'pt-br');
    assert.equal(languageOfTag('PT_pt'), 'pt-br');
    assert.equal(languageOfTag('en_US.UTF-8'), 'en');
    assert.equal(languageOfTag('en'), 'en');
    assert.equal(languageOfTag('C'), 'en');
    assert.equal(languageOfTag('C.UTF-8'), 'en');
    assert.equal(languageOfTag('POSIX'), 'en');
    assert.equal(languageOfTag('fr_FR.UTF-8'), undefined);
    assert.equal(languageOfTag(''), undefined);
  });

  it('takes the first locale variable that is set, in POSIX order', () => {
    assert.deepEqual(pickLanguage(undefined, {}), { ok: true, language: 'en' });
    assert.deepEqual(pickLanguage(undefined, { LANG: 'pt_BR.UTF-8' }), { ok: true, language: 'pt-br' });
    assert.deepEqual(pickLanguage(undefined, { LC_MESSAGES: 'pt_BR', LANG: 'en_US' }), {
      ok: true,
      language: 'pt-br',
    });
    // LC_ALL overrides the others, even when it names English.
    assert.deepEqual(pickLanguage(undefined, { LC_ALL: 'C', LC_MESSAGES: 'pt_BR', LANG: 'pt_BR' }), {
      ok: true,
      language: 'en',
    });
    // An empty variable counts as unset.
    assert.deepEqual(pickLanguage(undefined, { LC_ALL: '', LANG: 'pt_BR.UTF-8' }), { ok: true, language: 'pt-br' });
    // A locale without a bundle is English, not an error: the user did not ask the CLI for it.
    assert.deepEqual(pickLanguage(undefined, { LANG: 'de_DE.UTF-8' }), { ok: true, language: 'en' });
  });

  it('lets --lang override the environment, and refuses a language it does not speak', () => {
    assert.deepEqual(pickLanguage('en', { LANG: 'pt_BR.UTF-8' }), { ok: true, language: 'en' });
    assert.deepEqual(pickLanguage('pt-BR', { LC_ALL: 'C' }), { ok: true, language: 'pt-br' });
    assert.deepEqual(pickLanguage('fr', { LANG: 'pt_BR.UTF-8' }), { ok: false, given: 'fr', language: 'pt-br' });
    assert.deepEqual(pickLanguage('', {}), { ok: false, given: '', language: 'en' });
  });
});
