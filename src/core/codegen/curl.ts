import { API_KEY_VARIABLE, commentLines, headerLines, imageIntroLines, saveImageLine } from './comments';
import { escapeHereDocument, quoteString, shellQuote } from './literals';
import type { ImageSource, RequestPlan } from './plan';
import { type LiteralSyntax, printLiteral } from './printer';
import type { RequestTarget } from './target';

/** Ends the JSON here-document; no line of pretty-printed JSON can be this word alone. */
const HERE_DOCUMENT_END = 'BIOPASSID_JSON';

function variableOf(image: ImageSource): string {
  return `${image.words.join('_').toUpperCase()}_B64`;
}

/**
 * JSON inside an unquoted here-document: the image variables expand, and every `\`, `$` and
 * backtick of the request's own text is escaped so it arrives as written and runs nothing.
 */
const HERE_DOCUMENT_JSON: LiteralSyntax = {
  indentUnit: '  ',
  string: (value) => escapeHereDocument(quoteString(value)),
  key: (key) => escapeHereDocument(quoteString(key)),
  true: 'true',
  false: 'false',
  null: 'null',
  image: (image) => `"$${variableOf(image)}"`,
  trailingComma: false,
};

/** A bash script (also fine pasted into bash or zsh): files base64-encoded into variables, JSON on stdin. */
export function curlCode(target: RequestTarget, plan: RequestPlan): string {
  const lines = ['#!/usr/bin/env bash', ...commentLines('#', headerLines(target))];
  lines.push(`: "\${${API_KEY_VARIABLE}:?Set ${API_KEY_VARIABLE} to your BioPass ID subscription key}"`);
  if (plan.images.length > 0) {
    lines.push(
      '',
      ...commentLines('#', imageIntroLines(plan.images)),
      '# base64 -w0 (no line breaks) is GNU coreutils, as on Linux; on macOS use base64 -i FILE instead.',
    );
    for (const image of plan.images) {
      const save = saveImageLine(image);
      if (save !== undefined) lines.push(`# ${save}`);
      lines.push(`${variableOf(image)}=$(base64 -w0 ${shellQuote(image.path)})`);
    }
  }
  lines.push(
    '',
    // Brackets and braces are curl's URL globbing: --globoff makes them plain characters again.
    `curl -sS${/[[\]{}]/.test(target.url) ? ' --globoff' : ''} -X ${target.operation.method} ${shellQuote(target.url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "Ocp-Apim-Subscription-Key: $${API_KEY_VARIABLE}" \\`,
    `  -w '\\nHTTP status: %{http_code}\\n' \\`,
    `  --data-binary @- <<${HERE_DOCUMENT_END}`,
    printLiteral(plan.body, HERE_DOCUMENT_JSON),
    HERE_DOCUMENT_END,
  );
  return `${lines.join('\n')}\n`;
}
