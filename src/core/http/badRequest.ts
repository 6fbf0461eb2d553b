import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../contract/choices';
import { l10n } from '../l10n';
import type { Draft } from './draft';
import type { Known400 } from './outcome';
import { type Clean, errorMessageOf } from './text';

interface Advice {
  readonly explanation: string;
  readonly nextStep: string;
}

/** What a documented 400 means and what to do, in the language of the moment. */
function adviceFor(known: Known400): Advice {
  switch (known) {
    case 'invalidJson':
      return {
        explanation: l10n.t(
          'The service could not use the request: the JSON is broken, a field name is wrong or misspelled, or a biometric this operation needs is missing.',
        ),
        nextStep: l10n.t(
          'Run the request validator and check the field names against the contract (Person, CustomID, Face-1…).',
        ),
      };
    case 'noFaceTemplate':
      return {
        explanation: l10n.t('The service found no usable face in the image.'),
        nextStep: l10n.t('Use a clear, well-lit frontal photo of one face, eyes open and not cropped.'),
      };
    case 'duplicateCustomId':
      return {
        explanation: l10n.t('A person is already enrolled with this CustomID.'),
        nextStep: l10n.t('Use Update to replace their biometrics, Delete them first, or choose another CustomID.'),
      };
    case 'unknownCustomId':
      return {
        explanation: l10n.t('No person is enrolled with this CustomID.'),
        nextStep: l10n.t('Check the CustomID, or enroll the person first.'),
      };
    case 'noFingerTemplate':
      return {
        explanation: l10n.t('The service found no usable fingerprint in the image.'),
        nextStep: l10n.t('Use a sharp, uncropped fingerprint image (500 ppi TIFF or PNG).'),
      };
  }
}

const KNOWN_TEXTS: ReadonlyArray<readonly [Known400, string]> = [
  ...(Object.entries(KNOWN_400_TEXTS) as [Known400, string][]),
  ...(Object.entries(SANDBOX_400_TEXTS) as [Known400, string][]),
];

function normalize(text: string): string {
  return text.trim().replace(/\.$/, '').toLowerCase();
}

/** Which documented 400 text this is; tolerant of case, a final period and JSON string quoting. */
export function known400Of(reason: string): Known400 | undefined {
  const wanted = normalize(reason);
  return KNOWN_TEXTS.find(([, text]) => normalize(text) === wanted)?.[0];
}

/** A 400: the reason arrives as plain text (sometimes the gateway's JSON); show it whatever it says. */
export function badRequestDraft(status: number, text: string, contentType: string | undefined, clean: Clean): Draft {
  const reason = errorMessageOf(text, contentType);
  const known = reason === undefined ? undefined : known400Of(reason);
  const shown = reason === undefined ? '' : clean(reason);
  const advice: Advice = known
    ? adviceFor(known)
    : {
        explanation: shown
          ? l10n.t('The service refused the request with the message above.')
          : l10n.t('The service refused the request without saying why.'),
        nextStep: l10n.t('Check the request against the contract with the validator, then send it again.'),
      };
  return {
    kind: 'bad-request',
    status,
    text: shown,
    ...(known ? { known } : {}),
    retry: 'never',
    summary: l10n.t('Bad request: {0}', shown || l10n.t('(empty body)')),
    ...advice,
  };
}
