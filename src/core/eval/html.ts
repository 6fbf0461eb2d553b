import { l10n } from '../l10n';

/** Small pieces every report page is built from; every value passes `escapeHtml`. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

export interface PageOptions {
  /** In a webview: the nonce of the one style element (the CSP allows nothing else). */
  nonce?: string;
  /** Thumbnails by image name, as data: URIs (only when asked for). */
  thumbnails?: ReadonlyMap<string, string>;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:middle}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.warn{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;margin:8px 0;border-radius:6px}
.muted{color:#59636e}.plots{display:flex;flex-wrap:wrap;gap:24px}
svg{background:#fff;border:1px solid #d0d7de;border-radius:6px}
svg text{font:11px system-ui,sans-serif;fill:#1f2328}
img.thumb{width:56px;height:56px;object-fit:cover;border-radius:4px;vertical-align:middle}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle;opacity:.45}
.swatch-genuine{background:#1a7f37}.swatch-impostor{background:#cf222e}
`;

/**
 * A whole self-contained page: no script, no external resource; the CSP says so, allowing only
 * the inline style (by nonce in a webview) and data: images.
 */
export function page(title: string, body: string, options: PageOptions = {}): string {
  const styleSource = options.nonce ? `'nonce-${escapeHtml(options.nonce)}'` : "'unsafe-inline'";
  const csp = `default-src 'none'; style-src ${styleSource}; img-src data:`;
  const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(l10n.t({ message: 'en', comment: 'the HTML lang attribute of pages in this language' }))}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style${nonce}>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly number[] = [],
): string {
  const cells = (row: readonly string[], tag: string) =>
    row
      .map((cell, k) => `<${tag}${tag === 'td' && numeric.includes(k) ? ' class="num"' : ''}>${cell}</${tag}>`)
      .join('');
  return `<table><thead><tr>${cells(head.map(escapeHtml), 'th')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${cells(row, 'td')}</tr>`)
    .join('')}</tbody></table>`;
}

export function warnings(texts: readonly string[]): string {
  return texts.map((text) => `<div class="warn">${escapeHtml(text)}</div>`).join('\n');
}

export function thumbnail(name: string, options: PageOptions): string {
  const uri = options.thumbnails?.get(name);
  return uri?.startsWith('data:image/') ? `<img class="thumb" alt="" src="${escapeHtml(uri)}"> ` : '';
}
