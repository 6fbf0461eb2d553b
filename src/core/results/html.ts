import { l10n } from '../l10n';
import { escapeHtml as e } from './escape';
import { icaoGroupLabel } from './icaoGroups';
import { RESULT_STYLES } from './styles';
import { faceBoxText, facesSvg, fingerStateLabel, handsSvg } from './svg';
import type { BatchView, PageImage, ResultAction, ResultView, Section, ShownImage, Tone } from './types';

/** What the webview adapter supplies: the nonce of this page and the webview's own source. */
export interface PageOptions {
  nonce: string;
  cspSource: string;
}

/** The badge of a result's tone, in the reader's language. */
function toneLabel(tone: Tone): string {
  switch (tone) {
    case 'good':
      return l10n.t('OK');
    case 'bad':
      return l10n.t('Failed');
    case 'warning':
      return l10n.t('Attention');
    case 'neutral':
      return l10n.t('Result');
  }
}

/** A page and the images it shows, in the order its `data-image` slots number them. */
export interface ResultPage {
  html: string;
  images: PageImage[];
}

/**
 * The images of one page. The markup holds only a numbered slot per image; the page's script asks
 * for the bytes, which the panel posts (transferred as binary, not as text) and the page shows as
 * blob: URLs. So a 10 MB image is neither 13 MB of base64 in the HTML nor a data: URI to parse.
 */
class PageImages {
  readonly list: PageImage[] = [];

  slot(image: ShownImage | undefined): number | undefined {
    return image?.source ? this.list.push(image.source) - 1 : undefined;
  }
}

/** The page's Content-Security-Policy: nothing remote, only our nonce'd style and script, images from memory. */
export function contentSecurityPolicy({ nonce, cspSource }: PageOptions): string {
  return [
    "default-src 'none'",
    `img-src blob: ${cspSource}`,
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

function figure(image: ShownImage, images: PageImages): string {
  const slot = images.slot(image);
  const picture =
    slot !== undefined
      ? `<img data-image="${slot}" alt="${e(`${image.label}: ${image.description}`)}">`
      : `<div class="no-preview" role="img" aria-label="${e(l10n.t('{0}: {1}, no preview', image.label, image.description))}">${e(l10n.t('No preview for {0}', image.kind))}</div>`;
  return `<figure>${picture}<figcaption>${e(image.label)} · ${e(image.description)}</figcaption></figure>`;
}

function copyButton(label: string, value: string): string {
  return `<button class="copy" data-action="copy" data-value="${e(value)}" aria-label="${e(l10n.t('Copy {0}', label))}">${e(l10n.t('Copy'))}</button>`;
}

function section(part: Section, images: PageImages): string {
  switch (part.kind) {
    case 'images':
      return part.images.length === 0
        ? ''
        : `<section aria-label="${e(part.title)}"><h2>${e(part.title)}</h2><div class="figures">${part.images.map((image) => figure(image, images)).join('')}</div></section>`;
    case 'faces': {
      const picture = part.image
        ? `<figure>${facesSvg(part.image, part.boxes, images.slot(part.image))}<figcaption>${e(part.image.label)} · ${e(part.image.description)}</figcaption></figure>`
        : '';
      const list = part.boxes.map((box) => `<li>${e(faceBoxText(box))}</li>`).join('');
      const warning = part.warning ? `<p class="warning" role="alert">${e(part.warning)}</p>` : '';
      return `<section aria-label="${e(l10n.t('Faces'))}"><h2>${e(l10n.t('Faces: {0}', part.count))}</h2>${warning}<div class="figures">${picture}</div><ol class="faces-list">${list}</ol></section>`;
    }
    case 'icao': {
      const picture = part.image ? `<div class="figures">${figure(part.image, images)}</div>` : '';
      const conformed =
        part.faceImageConformed === undefined
          ? ''
          : `<p>FaceImageConformed: <strong>${e(part.faceImageConformed)}</strong></p>`;
      const verdict = part.allConformed
        ? l10n.t('All requirements met')
        : l10n.t('Failed: {0}', part.failures.join(', '));
      const all = `<p class="${part.allConformed ? 'good' : 'bad'}">${e(verdict)}</p>`;
      const groups = part.groups
        .map((group) => {
          const rows = group.items
            .map((item) => {
              const mark = item.conformed ? '✓' : '✗';
              const state = item.conformed ? l10n.t('conformed') : l10n.t('not conformed');
              const confidence =
                item.confidence === undefined
                  ? '<span class="confidence">-</span>'
                  : `<meter min="0" max="${part.confidenceScale}" value="${Math.max(0, Math.min(part.confidenceScale, item.confidence))}" aria-label="${e(l10n.t('{0} confidence {1}', item.name, item.confidence))}"></meter><span class="confidence">${item.confidence}</span>`;
              return `<li class="${item.conformed ? 'good' : 'bad'}"><span class="mark" aria-hidden="true">${mark}</span><span class="name">${e(item.name)}</span><span class="sr-only">${e(state)}</span>${confidence}</li>`;
            })
            .join('');
          return `<div class="group"><h3>${e(icaoGroupLabel(group.name))}</h3><ul class="checklist">${rows}</ul></div>`;
        })
        .join('');
      const heading = e(l10n.t('ICAO requirements'));
      return `<section aria-label="${heading}" class="icao">${picture}<div><h2>${heading}</h2>${conformed}${all}${groups}</div></section>`;
    }
    case 'hands': {
      const legend = part.fingers
        .map(
          (finger) =>
            `<li class="${finger.state}">${e(finger.key)} ${e(finger.name)}: ${e(fingerStateLabel(finger.state))}</li>`,
        )
        .join('');
      const fingers = e(l10n.t('Fingers'));
      const keys = (['matched', 'not-matched', 'not-sent'] as const)
        .map((state) => `<span class="key ${state}">${e(fingerStateLabel(state))}</span>`)
        .join(' ');
      return `<section aria-label="${fingers}"><h2>${fingers}</h2>${handsSvg(part.fingers)}<p class="legend">${keys}</p><ul class="sr-only">${legend}</ul></section>`;
    }
    case 'facts': {
      const rows = part.rows
        .map(
          (row) =>
            `<tr><th scope="row">${e(row.label)}</th><td><code>${e(row.value)}</code></td><td>${row.copy ? copyButton(row.label, row.value) : ''}</td></tr>`,
        )
        .join('');
      return `<section aria-label="${e(part.title)}"><h2>${e(part.title)}</h2><table class="facts">${rows}</table></section>`;
    }
    case 'failure': {
      const heading = e(l10n.t('What happened'));
      return `<section class="failure" role="alert" aria-label="${heading}"><h2>${heading}</h2><p>${e(part.explanation)}</p><p><strong>${e(l10n.t('Next:'))}</strong> ${e(part.nextStep)}</p></section>`;
    }
    case 'warnings':
      return `<section aria-label="${e(part.title)}"><h2>${e(part.title)}</h2><ul>${part.items.map((item) => `<li>${e(item)}</li>`).join('')}</ul></section>`;
    case 'note':
      return `<p class="note">${e(part.text)}</p>`;
  }
}

function actionButton(action: ResultAction): string {
  return `<button data-action="${action.id}">${e(action.label)}</button>`;
}

/**
 * The script of every page: buttons post their action; the page shows its images' bytes as blob:
 * URLs and says when it has painted (every image decoded). The panel posts the bytes along with
 * the page, so they travel while the webview starts; the page asks for them all the same, which
 * the panel answers only for a page loaded again (its tab was hidden and shown).
 */
function script(nonce: string): string {
  return `<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  if (!target) return;
  vscode.postMessage({ action: target.getAttribute('data-action'), value: target.getAttribute('data-value') ?? undefined, index: target.hasAttribute('data-index') ? Number(target.getAttribute('data-index')) : undefined });
});
const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => vscode.postMessage({ action: 'painted', images: document.images.length })));
const page = '${nonce}';
const slots = [...document.querySelectorAll('[data-image]')];
if (slots.length === 0) painted();
else {
  let received = false;
  window.addEventListener('message', (event) => {
    const images = event.data && event.data.page === page ? event.data.images : undefined;
    if (received || !Array.isArray(images)) return;
    received = true;
    const shown = slots.map((slot) => {
      const image = images[Number(slot.getAttribute('data-image'))];
      if (!image) return undefined;
      const url = URL.createObjectURL(new Blob([image.bytes], { type: image.mime }));
      if (slot instanceof HTMLImageElement) {
        slot.src = url;
        return slot.decode().catch(() => undefined);
      }
      return new Promise((resolve) => {
        slot.addEventListener('load', resolve, { once: true });
        slot.addEventListener('error', resolve, { once: true });
        slot.setAttribute('href', url);
      });
    });
    Promise.all(shown).then(painted);
  });
  vscode.postMessage({ action: 'images', page });
}
</script>`;
}

/** The page's `lang`: the language its text is in (the bundle's, English without one). */
function pageLanguage(): string {
  return l10n.t({ message: 'en', comment: 'the HTML lang attribute of pages in this language' });
}

function page(title: string, body: string, options: PageOptions): string {
  return `<!DOCTYPE html>
<html lang="${e(pageLanguage())}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style nonce="${options.nonce}">${RESULT_STYLES}</style></head>
<body>${body}${script(options.nonce)}</body></html>`;
}

/** The result panel's whole page, from its view model; every text in the view is escaped here. */
export function renderResultPage(view: ResultView, options: PageOptions): string {
  return resultPage(view, options).html;
}

/** The result page and the images its slots number. */
export function resultPage(view: ResultView, options: PageOptions): ResultPage {
  const images = new PageImages();
  const response = view.responseJson
    ? `<details><summary>${e(l10n.t('Response'))}</summary><pre class="response">${e(view.responseJson)}</pre></details>`
    : '';
  const body = `<main>
<header class="${view.tone}"><p class="header">${e(view.header)}</p>
<h1><span class="badge">${e(toneLabel(view.tone))}</span> ${e(view.headline)}</h1>
<p class="status">${e(view.statusLine)}</p></header>
<nav class="actions" aria-label="${e(l10n.t('Actions'))}">${view.actions.map(actionButton).join('')}</nav>
${view.sections.map((part) => section(part, images)).join('\n')}
${response}
</main>`;
  return { html: page(view.title, body, options), images: images.list };
}

/** A multi-image run: a grid of thumbnails with their verdicts; each tile opens its own result. */
export function renderBatchPage(view: BatchView, options: PageOptions): string {
  return batchPage(view, options).html;
}

/** The run's page and the images its slots number. */
export function batchPage(view: BatchView, options: PageOptions): ResultPage {
  const images = new PageImages();
  const tiles = view.tiles
    .map((tile) => {
      const slot = images.slot(tile.thumbnail);
      const thumbnail =
        slot !== undefined
          ? `<img data-image="${slot}" alt="">`
          : `<div class="no-preview" aria-hidden="true">${e(tile.thumbnail?.kind ?? l10n.t('no image'))}</div>`;
      return `<li><button class="tile ${tile.tone}" data-action="open" data-index="${tile.index}" aria-label="${e(`${tile.label}: ${tile.headline}`)}">${thumbnail}<span class="tile-label">${e(tile.label)}</span><span class="tile-verdict">${e(tile.headline)}</span></button></li>`;
    })
    .join('');
  const body = `<main><header class="${view.tone}"><h1>${e(view.title)}</h1><p class="status">${e(view.counts)}</p></header>
<nav class="actions" aria-label="${e(l10n.t('Actions'))}"><button data-action="viewLogs">${e(l10n.t('View Logs'))}</button></nav>
<ul class="grid" aria-label="${e(l10n.t('Results'))}">${tiles}</ul></main>`;
  return { html: page(view.title, body, options), images: images.list };
}
