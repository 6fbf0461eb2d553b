import type { ImageKind } from '../images/kind';
import { isFileReference } from '../request/prepare';
import { inlineImageKind, isLargeInlineBase64, placeholderFileName } from './inlineImages';

/** A request body as the generators see it: JSON, with images replaced by the files they are read from. */
export type CodeValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'array'; items: CodeValue[] }
  | { kind: 'object'; entries: [string, CodeValue][] }
  | { kind: 'image'; source: ImageSource };

/** An image the generated code reads from a file and base64-encodes when it runs. */
export interface ImageSource {
  /** `file`: a `$file` reference of the request; `inline`: base64 the user is asked to save to `path`. */
  origin: 'file' | 'inline';
  /** The path the code reads: the `$file` path as written, or the placeholder file name. */
  path: string;
  /** Words naming the image after its field (`Face-1` -> face, 1); variable names are built from them. */
  words: string[];
  /** For inline images, the kind read from their first bytes. */
  kind?: ImageKind | undefined;
}

export interface RequestPlan {
  body: CodeValue;
  /** In order of first use; an image used twice is read once. */
  images: ImageSource[];
}

/** The one field that is an identifier, never image data, however long or base64-like it is. */
const IDENTIFIER_KEYS = new Set(['CustomID']);

/** `Face-1` -> ['face', '1']; a name that would not start a variable gets an `image` word in front. */
function wordsOf(field: string | undefined): string[] {
  const words = (field ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0 || /^[0-9]/.test(words[0] ?? '')) words.unshift('image');
  return words;
}

/** `./images/face.jpg` and `images/face.jpg` name the same file in the folder the code runs in. */
function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Gives images that would share a name (two fields called `Image`) distinct ones: image, image-2, … */
function assignNames(images: ImageSource[]): void {
  const takenPaths = new Set(
    images.filter((image) => image.origin === 'file').map((image) => normalisePath(image.path)),
  );
  const takenNames = new Set<string>();
  for (const image of images) {
    const base = image.words;
    let words = base;
    for (let counter = 2; ; counter++) {
      const name = words.join('-');
      const clashes =
        takenNames.has(name) || (image.origin === 'inline' && takenPaths.has(placeholderFileName(name, image.kind)));
      if (!clashes) break;
      words = [...base, String(counter)];
    }
    image.words = words;
    takenNames.add(words.join('-'));
    if (image.origin === 'inline') {
      image.path = placeholderFileName(words.join('-'), image.kind);
      takenPaths.add(image.path);
    }
  }
}

/**
 * Turns a request as written in a request file into what the generators print: the top-level
 * `$schema` and `$comment` are dropped, `$file` references and long inline base64 become images read at run
 * time, and everything else is kept as JSON would keep it.
 */
export function planRequestBody(body: unknown): RequestPlan {
  // A JSON round trip gives exactly what would be sent: toJSON applied, undefined dropped.
  const json: unknown = body === undefined ? null : JSON.parse(JSON.stringify(body));
  const images: ImageSource[] = [];
  const byKey = new Map<string, ImageSource>();
  const imageOf = (key: string, create: () => ImageSource): CodeValue => {
    let source = byKey.get(key);
    if (source === undefined) {
      source = create();
      byKey.set(key, source);
      images.push(source);
    }
    return { kind: 'image', source };
  };

  const walk = (node: unknown, field: string | undefined, top: boolean): CodeValue => {
    if (isFileReference(node)) {
      const path = node.$file;
      return imageOf(`file:${path}`, () => ({ origin: 'file', path, words: wordsOf(field) }));
    }
    if (typeof node === 'string') {
      if (field !== undefined && IDENTIFIER_KEYS.has(field)) return { kind: 'string', value: node };
      if (!isLargeInlineBase64(node)) return { kind: 'string', value: node };
      // The path is assigned once every image is known, so it cannot clash with a $file path.
      return imageOf(`inline:${node}`, () => ({
        origin: 'inline',
        path: '',
        words: wordsOf(field),
        kind: inlineImageKind(node),
      }));
    }
    if (typeof node === 'number') return { kind: 'number', value: node };
    if (typeof node === 'boolean') return { kind: 'boolean', value: node };
    if (Array.isArray(node)) return { kind: 'array', items: node.map((item) => walk(item, field, false)) };
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node)
        .filter(([key]) => !(top && (key === '$schema' || key === '$comment')))
        .map(([key, value]): [string, CodeValue] => [key, walk(value, key, false)]);
      return { kind: 'object', entries };
    }
    return { kind: 'null' };
  };

  const planned = walk(json, undefined, true);
  assignNames(images);
  return { body: planned, images };
}
