import { describeInlineKind } from './inlineImages';
import type { ImageSource } from './plan';
import type { RequestTarget } from './target';

/** The environment variable every generated snippet reads the subscription key from. */
export const API_KEY_VARIABLE = 'BIOPASSID_API_KEY';

/**
 * Comment text shared by the generators, without the comment marker. No line holds anything
 * taken from the request (paths, CustomIDs): a newline there could end the comment.
 */
export function headerLines(target: RequestTarget): string[] {
  const { title, method, path } = target.operation;
  return [
    `BioPass ID ${title}: ${method} ${path}`,
    `The subscription key is not in this code: it is read from the environment variable ${API_KEY_VARIABLE}.`,
  ];
}

export function imageIntroLines(images: readonly ImageSource[]): string[] {
  if (images.length === 0) return [];
  return [
    'Images are read and base64-encoded when this runs, never pasted into the code. Relative paths',
    'start from the folder you run it in, not from the folder of the request file.',
  ];
}

/** Only for inline images: where to save them (the placeholder name is built from safe characters). */
export function saveImageLine(image: ImageSource): string | undefined {
  if (image.origin !== 'inline') return undefined;
  return `The request held this ${describeInlineKind(image.kind)} inline: save it as ${image.path} in that folder.`;
}

export function commentLines(marker: string, lines: readonly string[]): string[] {
  return lines.map((line) => `${marker} ${line}`);
}
