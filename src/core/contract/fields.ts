import * as z from 'zod';
import { l10n } from '../l10n';
import { CUSTOM_ID_MAX_LENGTH, CUSTOM_ID_RULES } from './choices';
import { type CustomIdBreach, customIdBreach } from './customIdRule';

export const FINGER_NAMES = [
  'right thumb',
  'right index',
  'right middle',
  'right ring',
  'right little',
  'left thumb',
  'left index',
  'left middle',
  'left ring',
  'left little',
] as const;

export const FINGER_KEYS = FINGER_NAMES.map((_, index) => `Finger-${index + 1}`) as readonly string[];

/** The finger a `Finger-N` key names, in the reader's language (`right thumb` for `Finger-1`). */
export function fingerName(key: string): string | undefined {
  const match = /^Finger-(\d+)$/.exec(key);
  return match ? fingerLabel(Number(match[1])) : undefined;
}

/** The name of finger `number` (1 right thumb … 10 left little), in the reader's language. */
export function fingerLabel(number: number): string | undefined {
  const labels = [
    l10n.t('right thumb'),
    l10n.t('right index'),
    l10n.t('right middle'),
    l10n.t('right ring'),
    l10n.t('right little'),
    l10n.t('left thumb'),
    l10n.t('left index'),
    l10n.t('left middle'),
    l10n.t('left ring'),
    l10n.t('left little'),
  ];
  return labels[number - 1];
}

export const TEMPLATE_FORMATS = ['BIOPASS', 'ISO_IEC_2005_19794_2', 'ISO_IEC_2011_19794_2', 'ANSI_INCITS_378'] as const;

/** What the CustomID schema says of each breach between min(1) and max (in the reader's language, when it is said). */
const CHARACTER_PROBLEMS: Partial<Record<CustomIdBreach['rule'], () => string>> = {
  blank: () => l10n.t('CustomID is only whitespace'),
  'control-character': () => l10n.t('CustomID holds control characters'),
  'non-ascii': () => l10n.t('CustomID holds characters outside printable ASCII (é, ñ, 李…)'),
};

let built: ReturnType<typeof buildFieldSchemas> | undefined;

function buildFieldSchemas() {
  const CustomID = z
    .string()
    .min(1, { error: () => l10n.t('CustomID is empty') })
    // One refinement, so the first rule broken (src/core/contract/customIdRule.ts) is the one told;
    // empty and too long stay min and max, which the JSON Schema carries as minLength and maxLength.
    .superRefine((value, ctx) => {
      const rule = customIdBreach(value)?.rule;
      const message = rule === undefined ? undefined : CHARACTER_PROBLEMS[rule]?.();
      if (message !== undefined) ctx.addIssue({ code: 'custom', message });
    })
    .max(CUSTOM_ID_MAX_LENGTH, {
      error: () => l10n.t('CustomID is longer than {0} characters', CUSTOM_ID_MAX_LENGTH),
    })
    .meta({
      markdownDescription: `Your identifier for the person, unique in your application (the vendor suggests an ID document number): ${CUSTOM_ID_RULES}. BioPass ID publishes no length or character limit; printable ASCII is what every gateway and database keeps byte for byte, and what can be typed again to verify or delete the person.`,
      // Length is the schema's maxLength; the pattern holds the characters: printable ASCII, one not a space.
      pattern: '^(?=.*[!-~])[ -~]+$',
      patternErrorMessage: `CustomID must be ${CUSTOM_ID_RULES}: no control characters, accents or other scripts.`,
    });

  const TemplateFormat = z.enum(TEMPLATE_FORMATS).meta({
    markdownDescription: 'Template format.',
    enumDescriptions: [
      "BioPass ID's own template format.",
      'ISO/IEC 19794-2:2005 finger minutiae record.',
      'ISO/IEC 19794-2:2011 finger minutiae record.',
      'ANSI INCITS 378 finger minutiae record.',
    ],
  });

  const BiometricType = z.enum(['FACE', 'FINGER']).meta({
    markdownDescription: 'Which modality the artifacts hold.',
    enumDescriptions: ['Face images or face templates.', 'Fingerprint images or fingerprint templates.'],
  });

  /** Top-level keys any 2xx body may carry; `Success: false` on a 200 is a failure (SDK). */
  const OutcomeFields = {
    Success: z.boolean().optional(),
    Message: z.string().optional(),
  };
  return { CustomID, TemplateFormat, BiometricType, OutcomeFields };
}

/**
 * The schemas of the shared fields, built on first use: activation loads no zod until a request
 * is validated or sent (scripts/build.mjs keeps zod in its own lazily loaded file).
 */
export function fieldSchemas(): ReturnType<typeof buildFieldSchemas> {
  built ??= buildFieldSchemas();
  return built;
}

/** Why a CustomID would be refused, in the words of the schema, or undefined when it is fine. */
export function customIdProblem(value: string): string | undefined {
  // The schema says no more than the rule: a CustomID the rule takes needs no parse (a bulk plan
  // asks this of every one of 100,000 file names).
  if (customIdBreach(value) === undefined) return undefined;
  const result = fieldSchemas().CustomID.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * A CustomID proposed from a file name: its stem, with characters outside [A-Za-z0-9._-] as dashes,
 * cut to the longest CustomID taken.
 */
export function customIdFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  const id = stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, CUSTOM_ID_MAX_LENGTH);
  return id.replace(/-+$/, '') || 'person-1';
}
