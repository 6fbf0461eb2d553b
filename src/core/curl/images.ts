import { decodeStrictBase64 } from '../base64';
import { inlineImageKind, isLargeInlineBase64, placeholderFileName } from '../codegen/inlineImages';

export interface ExtractedImage {
  /** The file name, next to the request file. */
  fileName: string;
  /** Where it was in the body, e.g. `Person.Face[0].Face-1`. */
  field: string;
  bytes: Buffer;
}

const DATA_URL_PREFIX = /^data:[^,]{0,200};base64,/i;

/**
 * Moves every inline base64 image of a body into a file next to the request (a `$file` takes its
 * place), named after the request and the field (`alice.enroll.face-1.jpg`). Strings that are
 * not a decodable image of a known kind (a template, broken base64) stay inline, where the
 * editor's diagnostics will point at them.
 */
export function extractInlineImages(body: unknown, stem: string): { body: unknown; images: ExtractedImage[] } {
  const images: ExtractedImage[] = [];
  const taken = new Set<string>();
  const walk = (node: unknown, path: string, key: string): unknown => {
    if (typeof node === 'string') {
      if (!isLargeInlineBase64(node)) return node;
      const kind = inlineImageKind(node);
      const bytes = decodeStrictBase64(node.replace(DATA_URL_PREFIX, '').replace(/\s+/g, ''));
      if (kind === undefined || bytes === undefined) return node;
      let fileName = placeholderFileName(`${stem}.${key.toLowerCase()}`, kind);
      for (let n = 2; taken.has(fileName); n++)
        fileName = placeholderFileName(`${stem}.${key.toLowerCase()}-${n}`, kind);
      taken.add(fileName);
      images.push({ fileName, field: path, bytes });
      return { $file: `./${fileName}` };
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`, key));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([name, value]) => [name, walk(value, path === '' ? name : `${path}.${name}`, name)]),
      );
    }
    return node;
  };
  return { body: walk(body, '', 'image'), images };
}
