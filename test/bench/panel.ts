import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encodePng } from '../../src/core/images/png';
import { Redactor } from '../../src/core/redact';
import { renderResultPage } from '../../src/core/results/html';
import type { ResultInput } from '../../src/core/results/types';
import { buildResultView } from '../../src/core/results/view';
import { seededRandom } from '../../src/core/seeded';
import { medianMs } from './measure';
import { panelPaint } from './panelPaint';
import { MB, row } from './table';

/** A PNG of seeded noise, about 10 MB (noise does not compress). */
function tenMegabytePng(): Buffer {
  const side = 1720;
  const random = seededRandom('panel-bench');
  const rgba = new Uint8Array(side * side * 4);
  for (let index = 0; index < rgba.length; index++) rgba[index] = index % 4 === 3 ? 255 : Math.floor(random() * 256);
  return encodePng(side, side, rgba);
}

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * The result panel's own work for an answer about a 10 MB image, in Node: the view model and the
 * page (redaction, escaping, the image's slot), against the least any page showing that image from
 * memory must do (decode the request's base64 and encode it again as a data: URI), and the heap 20
 * such pages hold. Then, in the real workbench, the paint and the memory of open panels
 * (test/bench/panelPaint.ts).
 */
export async function panelBench(): Promise<void> {
  const png = tenMegabytePng();
  const base64 = png.toString('base64');
  const input: ResultInput = {
    operation: 'face_detect',
    body: { Check: { Image: base64 } },
    source: 'noise.png',
    environment: 'sandbox (http://127.0.0.1:1)',
    context: {},
    headline: 'Faces detected: 1 (400x500 at 600,500)',
    outcome: {
      kind: 'success',
      status: 200,
      latencyMs: 120,
      attempts: 1,
      body: {
        Success: true,
        DetectedFaces: { FaceNumber: 1, FaceRects: [{ x: 600, y: 500, width: 400, height: 500 }] },
      },
      schemaWarnings: [],
    },
  };
  const redactor = new Redactor();
  redactor.remember('bench-key-0000000000000001');
  const page = { nonce: 'bench-nonce-0123456789', cspSource: 'vscode-webview:' };
  let html = '';
  const ours = medianMs(() => {
    html = renderResultPage(
      buildResultView(input, (text) => redactor.text(text)),
      page,
    );
  });
  const baseline = medianMs(() => {
    html = `<img src="data:image/png;base64,${Buffer.from(base64, 'base64').toString('base64')}">`;
  });
  row(
    `result page for a ${(png.length / MB).toFixed(1)} MB image (view + HTML, in the extension host)`,
    ours,
    baseline,
    'ms',
    'reference',
  );

  gc();
  const before = process.memoryUsage();
  const held: string[] = [];
  for (let index = 0; index < 20; index++) {
    held.push(
      renderResultPage(
        buildResultView(input, (text) => redactor.text(text)),
        page,
      ),
    );
  }
  gc();
  const after = process.memoryUsage();
  const grown = (after.heapUsed + after.external - before.heapUsed - before.external) / MB;
  row('memory of 20 open panels of that image (pages held, after GC)', grown, undefined, 'MB', 'reference');
  if (held.length !== 20 || html.length === 0) throw new Error('panel bench: nothing built');
  held.length = 0;
  await panelPaint();
}
