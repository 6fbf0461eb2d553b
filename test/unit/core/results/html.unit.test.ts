import * as assert from 'node:assert/strict';
import { sampleFaceJpeg } from '../../../../src/core/images/samples';
import { buildBatchView } from '../../../../src/core/results/batch';
import {
  contentSecurityPolicy,
  renderBatchPage,
  renderResultPage,
  resultPage,
} from '../../../../src/core/results/html';
import { buildResultView } from '../../../../src/core/results/view';
import { type Sandbox, startSandbox } from '../../../../src/core/sandbox';
import { answer, OPTIONS, redactorFor } from './support';

const XSS_ID = '<img src=x onerror=alert(1)>';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The text of a page with its one nonce'd script and style taken out: what markup the data made. */
function markupOf(html: string): string {
  return html
    .replace(/<script nonce="[^"]+">[\s\S]*?<\/script>/, '')
    .replace(/<style nonce="[^"]+">[\s\S]*?<\/style>/, '');
}

describe('result pages (HTML from the view model)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());
  const redact = (text: string) => redactorFor(sandbox).text(text);

  it('a CustomID of <img src=x onerror=alert(1)> shows as typed, in the header, the card and the copy button', async () => {
    const input = await answer(
      sandbox,
      'enroll',
      { Person: { CustomID: XSS_ID, Face: [{ 'Face-1': b64(sampleFaceJpeg(1)) }] } },
      { customId: XSS_ID, source: '"><svg onload=alert(2)>.jpg' },
    );
    assert.equal(input.outcome.kind, 'success');
    const html = renderResultPage(buildResultView(input, redact), OPTIONS);
    const markup = markupOf(html);
    assert.ok(!markup.includes('<img src=x'), 'no img element made from the CustomID');
    assert.ok(!markup.includes('<svg onload'), 'no svg element made from the file name');
    assert.ok(!/onerror=alert\(1\)>/.test(markup.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')));
    assert.ok(markup.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the CustomID as text');
    assert.ok(markup.includes('data-value="&lt;img src=x onerror=alert(1)&gt;"'), 'the copy button carries it as text');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script: ours');
  });

  it('a <script> in a response Message shows as text', async () => {
    sandbox.injectFault({ kind: 'logical-failure', message: '<script>alert(document.cookie)</script>' });
    const input = await answer(sandbox, 'check_icao', { Check: { Image: b64(sampleFaceJpeg(2)) } });
    assert.equal(input.outcome.kind, 'logical-failure');
    const html = renderResultPage(buildResultView(input, redact), OPTIONS);
    assert.ok(html.includes('&lt;script&gt;alert(document.cookie)&lt;/script&gt;'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('an answer image that is not clean base64 never reaches the markup: the page gets it as bytes', async () => {
    const input = await answer(sandbox, 'anonymizer', { Check: { Image: b64(sampleFaceJpeg(3)) } });
    const poisoned = `${b64(sampleFaceJpeg(3))}"><script>alert(3)</script>`;
    const { html, images } = resultPage(
      buildResultView(
        { ...input, outcome: { ...input.outcome, body: { Success: true, FaceAnonymizer: { Image: poisoned } } } },
        redact,
      ),
      OPTIONS,
    );
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script: ours');
    assert.ok(!html.includes('"><script>alert(3)'), 'nowhere as markup');
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(3)'), 'the response text shows it as typed');
    assert.deepEqual(
      images.map((image) => image.base64 === poisoned),
      [false, true],
    );
  });

  it('images are numbered slots in the markup, handed to the panel as the very base64 sent', async () => {
    const sent = b64(sampleFaceJpeg(4, 640));
    const input = await answer(sandbox, 'anonymizer', { Check: { Image: sent } });
    const { html, images } = resultPage(buildResultView(input, redact), OPTIONS);
    assert.match(html, /<img data-image="0" alt="Sent: jpeg [^"]+"><figcaption>/);
    assert.match(html, /<img data-image="1" alt="Anonymized: /);
    assert.equal(images[0]?.base64, sent, 'the request string itself, not a copy to hold');
    assert.equal(images[0]?.mime, 'image/jpeg');
    assert.ok(html.length < sent.length, `a page of ${html.length} characters for an image of ${sent.length}`);
  });

  it('a strict Content-Security-Policy with the nonce, and nothing remote', async () => {
    const input = await answer(sandbox, 'face_detect', { Check: { Image: b64(sampleFaceJpeg(1)) } });
    const html = renderResultPage(buildResultView(input, redact), OPTIONS);
    const csp = contentSecurityPolicy(OPTIONS);
    assert.equal(
      csp,
      "default-src 'none'; img-src blob: vscode-resource:; style-src 'nonce-n0nce0123456789abcdef'; script-src 'nonce-n0nce0123456789abcdef'",
    );
    assert.ok(html.includes(`content="${csp}"`));
    assert.ok(html.includes(`<script nonce="${OPTIONS.nonce}">`));
    assert.ok(html.includes(`<style nonce="${OPTIONS.nonce}">`));
    assert.ok(!/(src|href)="/.test(html), 'no src or href: images arrive from memory as blob: URLs');
    assert.ok(!/ style="/.test(html), 'no inline style attribute (the CSP would refuse it)');
    // The face is drawn with its numbered box, labelled for screen readers.
    assert.match(html, /<svg class="faces" role="img" aria-label="Sent: 1 face marked"/);
    assert.match(html, /<image data-image="0" x="0" y="0" width="160" height="160"\/>/);
    assert.match(html, /<text [^>]*>1<\/text>/);
  });

  it('ICAO: a checklist with a labelled meter per requirement; verify: both hands with every finger named', async () => {
    const icao = renderResultPage(
      buildResultView(await answer(sandbox, 'check_icao', { Check: { Image: b64(sampleFaceJpeg(5)) } }), redact),
      OPTIONS,
    );
    assert.equal((icao.match(/<meter /g) ?? []).length, 23);
    assert.match(icao, /aria-label="EyesClosed confidence \d+"/);
    for (const group of ['Image quality', 'Pose and expression', 'Lighting', 'Accessories', 'Background']) {
      assert.ok(icao.includes(`<h3>${group}</h3>`), group);
    }
    const face = b64(sampleFaceJpeg(8));
    await answer(sandbox, 'enroll', { Person: { CustomID: 'h', Face: [{ 'Face-1': face }] } });
    const verify = renderResultPage(
      buildResultView(
        await answer(
          sandbox,
          'verify',
          { Person: { CustomID: 'h', Face: [{ 'Face-1': face }] } },
          { context: { sentFace: true, sentFingers: [] } },
        ),
        redact,
      ),
      OPTIONS,
    );
    assert.equal((verify.match(/<rect class="finger not-sent"/g) ?? []).length, 10);
    assert.ok(verify.includes('<title>Finger-7 left index: not sent</title>'));
  });

  it('a multi-image run: one tile per call, a button each, failures and verdicts as text', async () => {
    const inputs = [
      await answer(sandbox, 'liveness', { Spoof: { Image: b64(sampleFaceJpeg(1)) } }, { source: 'a.jpg' }),
      await answer(sandbox, 'liveness', { Spoof: { Image: 'bm90IGFuIGltYWdl' } }, { source: XSS_ID }),
      undefined,
    ];
    const view = buildBatchView('liveness', inputs, redact);
    assert.equal(view.counts, '1 ok, 1 failed, 1 cancelled');
    assert.equal(view.tone, 'bad');
    const html = renderBatchPage(view, OPTIONS);
    assert.equal((html.match(/data-action="open"/g) ?? []).length, 2);
    assert.ok(html.includes('data-index="1"'));
    assert.ok(!markupOf(html).includes('<img src=x'));
    assert.ok(html.includes('Liveness: live'));
  });
});
