import { API_KEY_VARIABLE, commentLines, headerLines, imageIntroLines, saveImageLine } from './comments';
import { quoteString } from './literals';
import type { ImageSource, RequestPlan } from './plan';
import { type LiteralSyntax, printLiteral } from './printer';
import type { RequestTarget } from './target';

function variableOf(image: ImageSource): string {
  const [first = 'image', ...rest] = image.words;
  return `${first}${rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}Base64`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const TYPESCRIPT_LITERAL: LiteralSyntax = {
  indentUnit: '  ',
  string: quoteString,
  // `__proto__: x` in a literal sets the prototype instead of a property; computed keys do not.
  key: (key) => (key === '__proto__' ? `[${quoteString(key)}]` : IDENTIFIER.test(key) ? key : quoteString(key)),
  true: 'true',
  false: 'false',
  null: 'null',
  image: variableOf,
  trailingComma: true,
};

/** An ES module (`.mts`, top-level await) for Node 18+, with the global fetch and no dependencies. */
export function typescriptCode(target: RequestTarget, plan: RequestPlan): string {
  const lines = commentLines('//', [
    ...headerLines(target),
    'Node 18+ (global fetch), an ES module: keep it in a .mts file and run it with node (22.18+',
    'runs TypeScript itself) or with npx tsx.',
  ]);
  if (plan.images.length > 0) lines.push('', 'import { readFileSync } from "node:fs";');
  lines.push(
    '',
    `const apiKey = process.env.${API_KEY_VARIABLE};`,
    `if (!apiKey) throw new Error("Set ${API_KEY_VARIABLE} to your BioPass ID subscription key.");`,
  );
  if (plan.images.length > 0) {
    lines.push('', ...commentLines('//', imageIntroLines(plan.images)));
    for (const image of plan.images) {
      const save = saveImageLine(image);
      if (save !== undefined) lines.push(`// ${save}`);
      lines.push(`const ${variableOf(image)} = readFileSync(${quoteString(image.path)}).toString("base64");`);
    }
  }
  lines.push(
    '',
    `const response = await fetch(${quoteString(target.url)}, {`,
    `  method: ${quoteString(target.operation.method)},`,
    '  headers: {',
    '    "Content-Type": "application/json",',
    '    "Ocp-Apim-Subscription-Key": apiKey,',
    '  },',
    `  body: JSON.stringify(${printLiteral(plan.body, TYPESCRIPT_LITERAL, '  ')}),`,
    '});',
    'console.log(response.status, response.statusText);',
    'console.log(await response.text());',
  );
  return `${lines.join('\n')}\n`;
}
