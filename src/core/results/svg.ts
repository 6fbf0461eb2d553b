import { l10n } from '../l10n';
import { escapeHtml } from './escape';
import type { FaceBox, FingerState, FingerView, ShownImage } from './types';

/** A finger's state as a person reads it: `matched`, `not matched`, `not sent`. */
export function fingerStateLabel(state: FingerState): string {
  switch (state) {
    case 'matched':
      return l10n.t('matched');
    case 'not-matched':
      return l10n.t('not matched');
    case 'not-sent':
      return l10n.t('not sent');
  }
}

/** `Face 1: 120 × 140 at 10, 20`. */
export function faceBoxText(box: FaceBox): string {
  return l10n.t('Face {0}: {1} × {2} at {3}, {4}', box.number, box.width, box.height, box.x, box.y);
}

/**
 * The sent image with every FaceRect drawn and numbered over it, in the image's own pixels. `slot`
 * is the page's number for the image (its bytes arrive later, see html.ts), when it has one.
 */
export function facesSvg(image: ShownImage, boxes: readonly FaceBox[], slot: number | undefined): string {
  const width = image.width ?? Math.max(1, ...boxes.map((box) => box.x + box.width));
  const height = image.height ?? Math.max(1, ...boxes.map((box) => box.y + box.height));
  const stroke = Math.max(2, Math.round(Math.min(width, height) / 100));
  const font = Math.max(10, Math.round(Math.min(width, height) / 12));
  const picture =
    slot !== undefined
      ? `<image data-image="${slot}" x="0" y="0" width="${width}" height="${height}"/>`
      : `<rect class="no-preview" x="0" y="0" width="${width}" height="${height}"/>`;
  const drawn = boxes
    .map(
      (box) =>
        `<g class="face-box"><title>${escapeHtml(faceBoxText(box))}</title>` +
        `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" stroke-width="${stroke}"/>` +
        `<text x="${box.x + stroke}" y="${box.y + font}" font-size="${font}">${box.number}</text></g>`,
    )
    .join('');
  const marked = boxes.length === 1 ? l10n.t('1 face marked') : l10n.t('{0} faces marked', boxes.length);
  const label = escapeHtml(`${image.label}: ${marked}`);
  return `<svg class="faces" role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMid meet">${picture}${drawn}</svg>`;
}

/** Finger positions of the diagram: x of each finger of a hand seen from the back, thumb inside. */
const FINGER_SHAPES = [
  { dx: 78, dy: 46, height: 34 }, // thumb
  { dx: 58, dy: 8, height: 50 },
  { dx: 40, dy: 0, height: 56 },
  { dx: 22, dy: 6, height: 52 },
  { dx: 4, dy: 18, height: 40 },
];

function hand(fingers: readonly FingerView[], mirrored: boolean, offset: number, title: string): string {
  const drawn = fingers
    .map((finger, index) => {
      const shape = FINGER_SHAPES[index] as (typeof FINGER_SHAPES)[number];
      const x = mirrored ? offset + 96 - shape.dx - 14 : offset + shape.dx;
      return (
        `<rect class="finger ${finger.state}" x="${x}" y="${shape.dy}" width="14" height="${shape.height}" rx="7">` +
        `<title>${escapeHtml(`${finger.key} ${finger.name}: ${fingerStateLabel(finger.state)}`)}</title></rect>`
      );
    })
    .join('');
  const palm = `<rect class="palm" x="${offset + 4}" y="54" width="${mirrored ? 84 : 84}" height="56" rx="14"/>`;
  const name = escapeHtml(title);
  return `<g><title>${name}</title>${palm}${drawn}<text class="hand-label" x="${offset + 46}" y="126" text-anchor="middle">${name}</text></g>`;
}

/** Both hands, seen from the back as laid on a scanner: left hand left, thumbs towards the middle. */
export function handsSvg(fingers: readonly FingerView[]): string {
  const right = fingers.slice(0, 5);
  const left = fingers.slice(5, 10);
  const states = fingers.map((finger) => `${finger.key} ${fingerStateLabel(finger.state)}`).join(', ');
  return (
    `<svg class="hands" role="img" aria-label="${escapeHtml(l10n.t('Fingers: {0}', states))}" viewBox="0 0 220 132">` +
    `${hand(left, false, 0, l10n.t('Left hand'))}${hand(right, true, 120, l10n.t('Right hand'))}</svg>`
  );
}
