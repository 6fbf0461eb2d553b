import * as assert from 'node:assert/strict';
import { buildEvalReport } from '../../../../src/core/eval/evalReport';
import { summariseQuality } from '../../../../src/core/eval/quality';
import { buildQualityReport } from '../../../../src/core/eval/qualityReport';
import type { EvalPlan, EvalScores } from '../../../../src/core/eval/run';
import { summarise } from '../../../../src/core/eval/summary';

const HOSTILE = '<img src=x onerror=alert(1)>.jpg';

function scores(): EvalScores {
  const images = [
    { name: `alice/${HOSTILE}`, path: '/x/1', person: 'alice' },
    { name: 'alice/2.jpg', path: '/x/2', person: 'alice' },
    { name: 'bob/"quoted" & \'single\'.jpg', path: '/x/3', person: 'bob' },
  ];
  const plan = { dataset: { root: '/x', images }, modality: 'FACE', allImpostorPairs: 2 } as unknown as EvalPlan;
  return {
    plan,
    scored: [
      { a: 0, b: 1, genuine: true, score: 71.5 },
      { a: 0, b: 2, genuine: false, score: 12 },
      { a: 1, b: 2, genuine: false, score: 80 },
    ],
    failedToExtract: new Map([[2, 'Failed to extract face template <b>']]),
    skippedPairs: 0,
    calls: { extract: 3, match: 3, fromJournal: 0 },
    cancelled: false,
  };
}

describe('the HTML reports', () => {
  it('are one self-contained page: a CSP that allows no script or remote resource, inline SVG plots, the metrics table', () => {
    const html = buildEvalReport(summarise(scores()), { source: 'faces', target: 'sandbox (http://127.0.0.1:1)' });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
    );
    assert.match(html, /<svg [^>]*aria-label="DET curve"/);
    assert.match(html, /<svg [^>]*aria-label="Score histograms"/);
    assert.match(html, /<td>EER<\/td>/);
    assert.match(html, /Worst impostor pairs/);
    assert.doesNotMatch(html, /<script|<link|<iframe|src="http|href=/);
    assert.doesNotMatch(html, /data:image/, 'no images unless thumbnails are given');
  });

  it('show every value taken from a file name or an answer as text', () => {
    const html = buildEvalReport(summarise(scores()), { source: '<b>src</b>', target: '<i>t</i>' });
    assert.ok(!html.includes('<img src=x'), 'the file name is not markup');
    assert.ok(html.includes('alice/&lt;img src=x onerror=alert(1)&gt;.jpg'));
    assert.ok(html.includes('bob/&quot;quoted&quot; &amp; &#39;single&#39;.jpg'));
    assert.ok(html.includes('Failed to extract face template &lt;b&gt;'));
    assert.ok(html.includes('&lt;b&gt;src&lt;/b&gt;') && html.includes('&lt;i&gt;t&lt;/i&gt;'));
  });

  it('in a webview: the style by nonce only; thumbnails only as data: images of the pairs shown', () => {
    const thumbnails = new Map([
      ['alice/2.jpg', 'data:image/jpeg;base64,/9j/AAAA'],
      [`alice/${HOSTILE}`, 'javascript:alert(1)'],
    ]);
    const html = buildEvalReport(summarise(scores()), { source: 's', target: 't', nonce: 'abc123', thumbnails });
    assert.match(html, /style-src 'nonce-abc123'; img-src data:/);
    assert.match(html, /<style nonce="abc123">/);
    assert.doesNotMatch(html, /unsafe-inline|style="/);
    assert.match(html, /<img class="thumb" alt="" src="data:image\/jpeg;base64,\/9j\/AAAA">/);
    assert.doesNotMatch(html, /javascript:/, 'a thumbnail that is not a data: image is dropped');
  });

  it('quality: fail rates, distributions and the images with no face, escaped', () => {
    const summary = summariseQuality({
      images: [
        { name: HOSTILE, path: '/q/1', modality: 'FACE' },
        { name: 'ok.jpg', path: '/q/2', modality: 'FACE' },
        { name: 'print.tif', path: '/q/3', modality: 'FINGER' },
      ],
      icao: new Map([['ok.jpg', { Blurred: false, EyesClosed: true }]]),
      conformed: new Map([['ok.jpg', 21]]),
      nfiq: new Map([['print.tif', 3]]),
      faces: new Map([
        [HOSTILE, 0],
        ['ok.jpg', 1],
      ]),
      spoof: new Map(),
      failures: new Map(),
      calls: 4,
      cancelled: false,
    });
    assert.equal(summary.icao.requirements.Blurred?.failRate, 1);
    assert.equal(summary.icao.requirements.EyesClosed?.failRate, 0);
    assert.deepEqual(summary.icao.faceImageConformed, { '21': 1 });
    assert.deepEqual(summary.nfiq.histogram, { '3': 1 });
    const html = buildQualityReport(summary, { source: 'q', target: 't' });
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;.jpg') && !html.includes('<img src=x'));
    assert.match(html, /aria-label="ICAO fail rates"/);
    assert.match(html, /aria-label="NFIQ"/);
  });
});
