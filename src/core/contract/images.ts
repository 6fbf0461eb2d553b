import * as z from 'zod';
import type { ImageKind } from '../images/kind';
import { l10n } from '../l10n';

/**
 * What a base64 field of the contract carries, and which image kinds fit it. The contract says
 * faces are sent as JPEG and fingerprints as TIFF or PNG; PNG faces are accepted here too since
 * nothing public rules them out. Templates are opaque (no image kind to check).
 */
export const IMAGE_ROLES = {
  face: { kinds: ['jpeg', 'png'], label: 'face image' },
  finger: { kinds: ['tiff', 'png'], label: 'fingerprint image' },
  faceOrFinger: { kinds: ['jpeg', 'png', 'tiff'], label: 'face or fingerprint image' },
  wsq: { kinds: ['wsq'], label: 'WSQ fingerprint image' },
  template: { kinds: [], label: 'biometric template' },
} as const satisfies Record<string, { kinds: readonly ImageKind[]; label: string }>;

export type ImageRole = keyof typeof IMAGE_ROLES;

/** What a field of this role takes, as a person reads it (`face image`); `label` stays the contract's English. */
export function roleLabel(role: ImageRole): string {
  switch (role) {
    case 'face':
      return l10n.t('face image');
    case 'finger':
      return l10n.t('fingerprint image');
    case 'faceOrFinger':
      return l10n.t('face or fingerprint image');
    case 'wsq':
      return l10n.t('WSQ fingerprint image');
    case 'template':
      return l10n.t('biometric template');
  }
}

/** The same with its indefinite article (`a face image`), for the languages whose article follows the noun. */
export function roleLabelWithArticle(role: ImageRole): string {
  switch (role) {
    case 'face':
      return l10n.t('a face image');
    case 'finger':
      return l10n.t('a fingerprint image');
    case 'faceOrFinger':
      return l10n.t('a face or fingerprint image');
    case 'wsq':
      return l10n.t('a WSQ fingerprint image');
    case 'template':
      return l10n.t('a biometric template');
  }
}

/** The kinds a role takes, as people write them: `JPEG or PNG`. */
export function acceptedKindsText(role: ImageRole): string {
  return IMAGE_ROLES[role].kinds.map((kind) => kind.toUpperCase()).join(l10n.t(' or '));
}

/** Why an image of this kind cannot go in a field of this role, or undefined when it can. */
export function imageKindProblem(name: string, kind: ImageKind | undefined, role: ImageRole): string | undefined {
  const accepted: readonly ImageKind[] = IMAGE_ROLES[role].kinds;
  if (kind && (accepted.length === 0 || accepted.includes(kind))) return undefined;
  const taken = roleLabelWithArticle(role);
  return kind
    ? l10n.t('{0} is a {1} image; this takes {2} ({3}).', name, kind.toUpperCase(), taken, acceptedKindsText(role))
    : l10n.t('{0} is not an image; this takes {1} ({2}).', name, taken, acceptedKindsText(role));
}

export interface Base64FieldInfo {
  role: ImageRole;
}

let registry: z.core.$ZodRegistry<Base64FieldInfo> | undefined;

/** Every base64 field schema, with its role: the validator and redaction look fields up here. */
export function base64Fields(): z.core.$ZodRegistry<Base64FieldInfo> {
  registry ??= z.registry<Base64FieldInfo>();
  return registry;
}

/**
 * A file reference, allowed in request files in place of base64; resolved only when sending.
 * Each field gets its own, carrying the field's description, so hovering `Finger-7` still names
 * the finger when it holds a reference.
 */
export function fileReference(fieldDescription = '') {
  const lead = fieldDescription ? `${fieldDescription}\n\n` : '';
  return z
    .strictObject({
      $file: z.string().min(1).meta({
        markdownDescription:
          'Path of an image file, relative to this request file. It is read and base64-encoded only when the request is sent; the request file itself never holds the image.',
      }),
    })
    .meta({
      markdownDescription: `${lead}An image file to send in place of inline base64: \`{ "$file": "./face.jpg" }\`.`,
    });
}

/**
 * How a base64 field is spelt: `wire` is what goes over HTTP (a string); `authoring` is what a
 * request file may hold (a string or a `$file` reference).
 */
export type ContractFlavour = 'wire' | 'authoring';

export function base64Field(flavour: ContractFlavour, role: ImageRole, markdownDescription: string): z.ZodType {
  // English whatever the reader's language: the JSON Schemas generated from this are shipped files.
  const kinds = IMAGE_ROLES[role].kinds.map((kind) => kind.toUpperCase()).join(' or ');
  const kindText = kinds === '' ? '' : ` (${kinds})`;
  // No `pattern` on purpose: a regex over a multi-MB string makes the editor's own validation
  // several times slower; base64 is checked by our validator instead.
  const text = z
    .string()
    .min(1, 'empty')
    .meta({
      markdownDescription: `${markdownDescription}\n\nRaw base64 of the ${IMAGE_ROLES[role].label}${kindText}, with no \`data:\` prefix.`,
    });
  base64Fields().add(text, { role });
  if (flavour === 'wire') return text;
  const either = z.union([text, fileReference(markdownDescription)]).meta({ markdownDescription });
  base64Fields().add(either, { role });
  return either;
}
