import type { CodeValue, ImageSource } from './plan';

/** How one language spells a JSON-like literal. */
export interface LiteralSyntax {
  indentUnit: string;
  string(value: string): string;
  key(key: string): string;
  true: string;
  false: string;
  null: string;
  /** The expression holding an image's base64 at run time. */
  image(source: ImageSource): string;
  trailingComma: boolean;
}

/**
 * Prints a planned body as a multi-line literal. The first line is not indented (it follows
 * `payload = json.dumps(` or `body: JSON.stringify(`); the rest are indented from `indent`.
 */
export function printLiteral(value: CodeValue, syntax: LiteralSyntax, indent = ''): string {
  switch (value.kind) {
    case 'string':
      return syntax.string(value.value);
    case 'number':
      // Finite after the JSON round trip; JSON's spelling is valid in every target language.
      return JSON.stringify(value.value);
    case 'boolean':
      return value.value ? syntax.true : syntax.false;
    case 'null':
      return syntax.null;
    case 'image':
      return syntax.image(value.source);
    case 'array':
      return printBlock(
        '[',
        ']',
        value.items.map((item) => printLiteral(item, syntax, indent + syntax.indentUnit)),
        syntax,
        indent,
      );
    case 'object':
      return printBlock(
        '{',
        '}',
        value.entries.map(
          ([key, item]) => `${syntax.key(key)}: ${printLiteral(item, syntax, indent + syntax.indentUnit)}`,
        ),
        syntax,
        indent,
      );
  }
}

function printBlock(open: string, close: string, members: string[], syntax: LiteralSyntax, indent: string): string {
  if (members.length === 0) return `${open}${close}`;
  const inner = indent + syntax.indentUnit;
  const lines = members.map((member, index) => {
    const comma = index < members.length - 1 || syntax.trailingComma ? ',' : '';
    return `${inner}${member}${comma}`;
  });
  return [open, ...lines, `${indent}${close}`].join('\n');
}
