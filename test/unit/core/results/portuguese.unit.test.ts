import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { type Bundle, useBundle } from '../../../../src/core/l10n';
import { renderResultPage } from '../../../../src/core/results/html';
import { buildResultView } from '../../../../src/core/results/view';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { answer, OPTIONS, redactorFor } from './support';

const PT_BR = join(__dirname, '../../../../../l10n/bundle.l10n.pt-br.json');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the ICAO result panel in Brazilian Portuguese', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
    useBundle(JSON.parse(readFileSync(PT_BR, 'utf8')) as Bundle);
  });
  after(async () => {
    useBundle(undefined);
    await sandbox.close();
  });

  it('says its headings, group names, states and buttons in Portuguese; requirement names stay the API’s', async () => {
    const redact = (text: string) => redactorFor(sandbox).text(text);
    const input = await answer(sandbox, 'check_icao', { Check: { Image: b64(sampleFaceJpeg(5)) } });
    const html = renderResultPage(buildResultView(input, redact), OPTIONS);
    assert.match(html, /<html lang="pt-BR">/);
    assert.match(html, /<section aria-label="Requisitos ICAO" class="icao">/);
    assert.match(html, /<h2>Requisitos ICAO<\/h2>/);
    for (const group of ['Qualidade da imagem', 'Pose e expressão', 'Iluminação', 'Acessórios', 'Fundo']) {
      assert.ok(html.includes(`<h3>${group}</h3>`), group);
    }
    assert.match(html, /aria-label="EyesClosed, confiança \d+"/);
    assert.match(html, /<span class="sr-only">(não )?conforme<\/span>/);
    assert.match(html, /<p class="(good|bad)">(Todos os requisitos atendidos|Reprovado em: [A-Za-z_, ]+)<\/p>/);
    assert.match(html, /<button data-action="viewLogs">Ver logs<\/button>/);
    assert.match(html, /<button data-action="openJson">Abrir resposta como JSON<\/button>/);
    assert.match(html, /<nav class="actions" aria-label="Ações">/);
    assert.match(html, /<title>Verificar qualidade ICAO<\/title>/);
    for (const english of ['ICAO requirements', 'Image quality', 'All requirements met', 'View Logs', '>Response<']) {
      assert.ok(!html.includes(english), `no English "${english}" left`);
    }
  });
});
