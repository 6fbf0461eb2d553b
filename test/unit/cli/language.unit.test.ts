import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeLangOption } from '../../../src/cli/language';
import { sampleFaceJpeg } from '../../../src/core/images/samples';
import { useBundle } from '../../../src/core/l10n';
import { type Sandbox, startSandbox } from '../../../src/core/sandbox';
import { cli } from './cliHarness';

const PT_BR = { LANG: 'pt_BR.UTF-8' };

describe('biopassid in the language of LANG / --lang (real CLI, sandbox on loopback)', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let dir: string;

  before(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'bpid-cli-lang-'));
    writeFileSync(join(dir, 'face.jpg'), sampleFaceJpeg(4));
    writeFileSync(join(dir, 'empty.jpg'), Buffer.alloc(0));
    // A JPEG cut off in the middle, as an interrupted copy leaves it.
    const face = sampleFaceJpeg(5);
    writeFileSync(join(dir, 'cut.jpg'), face.subarray(0, Math.floor(face.length / 2)));
  });

  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Other suites assert English messages from core: leave no bundle behind.
  afterEach(() => useBundle(undefined));

  it('prints the help in Portuguese with LANG=pt_BR.UTF-8, and in English with --lang en', async () => {
    const help = await cli(['--help'], PT_BR);
    assert.equal(help.code, 0);
    assert.match(
      help.stdout,
      /^biopassid: a API de biometria da BioPass ID na linha de comando\n\nUso: biopassid <comando>/,
    );
    assert.match(help.stdout, /Idioma: --lang en\|pt-br/);
    const command = await cli(['verify', '--help'], PT_BR);
    assert.match(command.stdout, /^Uso: biopassid verify <imagem> --custom-id ID/);
    assert.match(command.stdout, /Sai com 3 quando não corresponde\./);
    const english = await cli(['--help', '--lang', 'en'], PT_BR);
    assert.match(english.stdout, /^biopassid: the BioPass ID biometrics API from the command line/);
    assert.match(english.stdout, /Language: --lang en\|pt-br/);
  });

  it('follows POSIX order: LC_ALL=C wins over LANG, LANG=C and no locale at all are English', async () => {
    for (const env of [{ LC_ALL: 'C', LANG: 'pt_BR.UTF-8' }, { LANG: 'C' }, {}]) {
      const help = await cli(['--help'], env);
      assert.match(help.stdout, /^biopassid: the BioPass ID biometrics API/, JSON.stringify(env));
    }
    const messages = await cli(['--help'], { LC_MESSAGES: 'pt_BR', LANG: 'en_US.UTF-8' });
    assert.match(messages.stdout, /^biopassid: a API de biometria/);
  });

  it('refuses an image in Portuguese before sending anything', async () => {
    const env = { ...PT_BR, BIOPASSID_API_KEY: sandbox.key };
    const empty = await cli(['enroll', 'empty.jpg', '--custom-id', 'p-1', '--base-url', sandbox.url], env, dir);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /^A imagem .*empty\.jpg está vazia \(0 bytes\)\.\nNada foi enviado\.\n$/);
    const cut = await cli(['enroll', 'cut.jpg', '--custom-id', 'p-1', '--base-url', sandbox.url], env, dir);
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, /^cut\.jpg é um JPEG truncado: .+\. Nada foi enviado\.\n$/);
    assert.equal(sandbox.requestLog.length, 0, 'nothing reached the sandbox');
  });

  it('explains an HTTP failure and what to do next in Portuguese; --lang en brings English back', async () => {
    const wrongKey = { ...PT_BR, BIOPASSID_API_KEY: 'not-the-sandbox-key-0001' };
    const args = ['verify', 'face.jpg', '--custom-id', 'p-1', '--base-url', sandbox.url];
    const refused = await cli(args, wrongKey, dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /O gateway rejeitou a chave de assinatura: ela foi digitada errado/);
    assert.match(refused.stderr, /Defina uma chave de assinatura válida para este ambiente/);
    const english = await cli([...args, '--lang', 'en'], wrongKey, dir);
    assert.match(english.stderr, /The gateway rejected the subscription key: it is mistyped/);

    const env = { ...PT_BR, BIOPASSID_API_KEY: sandbox.key };
    const enrolled = await cli(['enroll', 'face.jpg', '--custom-id', 'p-2', '--base-url', sandbox.url], env, dir);
    assert.equal(enrolled.code, 0, enrolled.stderr);
    assert.match(enrolled.stdout, /^p-2 cadastrado -> BioPassID /);
    const again = await cli(['enroll', 'face.jpg', '--custom-id', 'p-2', '--base-url', sandbox.url], env, dir);
    assert.equal(again.code, 1);
    // The sandbox's own answer is the API's English contract; the explanation around it is Portuguese.
    assert.match(again.stderr, /^Requisição inválida: CustomID already enrolled\n/);
    assert.match(again.stderr, /Já existe uma pessoa cadastrada com este CustomID\./);
  });

  it('refuses an unknown --lang clearly (exit 2), in the language of the environment', async () => {
    const english = await cli(['--lang', 'fr', '--help'], {});
    assert.equal(english.code, 2);
    assert.equal(english.stdout, '');
    assert.equal(english.stderr, 'biopassid: --lang "fr" is not a language this CLI speaks: use en or pt-br.\n');
    const portuguese = await cli(['validate', 'x.json', '--lang=klingon'], PT_BR);
    assert.equal(portuguese.code, 2);
    assert.equal(
      portuguese.stderr,
      'biopassid: --lang "klingon" não é um idioma que esta CLI fala: use en ou pt-br.\n',
    );
    const missing = await cli(['--help', '--lang'], {});
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'biopassid: --lang needs a language: en or pt-br.\n');
  });

  it('takes --lang from anywhere before --, leaving the command its own arguments', () => {
    assert.deepEqual(takeLangOption(['enroll', 'a.jpg', '--lang', 'pt-br', '--custom-id', 'x']), {
      argv: ['enroll', 'a.jpg', '--custom-id', 'x'],
      flag: 'pt-br',
    });
    assert.deepEqual(takeLangOption(['--lang=en', 'validate']), { argv: ['validate'], flag: 'en' });
    assert.deepEqual(takeLangOption(['--lang', '--help']), { argv: ['--help'], flag: '' });
    assert.deepEqual(takeLangOption(['test', '--', '--lang', 'en']), { argv: ['test', '--', '--lang', 'en'] });
  });

  it('the bundled dist/cli.js carries the Portuguese bundle inside it', () => {
    const CLI = join(__dirname, '../../../../dist/cli.js');
    const run = spawnSync(process.execPath, [CLI, '--help'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, LANG: 'pt_BR.UTF-8' },
    });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^biopassid: a API de biometria da BioPass ID na linha de comando/);
    const unknown = spawnSync(process.execPath, [CLI, 'nope'], { encoding: 'utf8', env: { LANG: 'pt_BR.UTF-8' } });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^Comando desconhecido "nope"\. Comandos: validate, send, /);
  });
});
