import * as z from 'zod';
import { l10n } from '../l10n';
import { FINGER_KEYS, FINGER_NAMES, fieldSchemas } from './fields';
import { base64Field, type ContractFlavour } from './images';

/**
 * The request bodies of every operation, built once per flavour (wire or authoring) so the two
 * can never drift apart. Objects are strict: the API answers an unknown key with a 400.
 */
export function buildRequestSchemas(flavour: ContractFlavour) {
  const { BiometricType, CustomID, TemplateFormat } = fieldSchemas();
  // A request file may name its schema; `$schema` is dropped before sending.
  const top = <T extends z.ZodRawShape>(shape: T) =>
    flavour === 'authoring'
      ? z.strictObject({
          $schema: z.string().optional().meta({ markdownDescription: 'The JSON Schema of this request file.' }),
          $comment: z.string().optional().meta({
            markdownDescription: 'A note for people reading the file (e.g. where the key comes from); never sent.',
          }),
          ...shape,
        })
      : z.strictObject(shape);

  const face = z.strictObject({
    'Face-1': base64Field(flavour, 'face', 'The face image. `Face-1` is the only face key the API documents.'),
  });

  const fingerShape: Record<string, z.ZodType> = {};
  FINGER_KEYS.forEach((key, index) => {
    fingerShape[key] = base64Field(
      flavour,
      'finger',
      `**${key}: ${FINGER_NAMES[index]}**. Fingers 1-5 are the right hand (thumb to little), 6-10 the left.`,
    ).optional();
  });
  const fingers = z
    .strictObject(fingerShape)
    .refine((value) => Object.keys(value).length > 0, {
      error: () => l10n.t('Fingers needs at least one finger image'),
    })
    .meta({ minProperties: 1 });

  const biometrics = {
    CustomID,
    Face: z
      .array(face)
      .length(1, { error: () => l10n.t('Face holds exactly one object, {0}', '{ "Face-1": … }') })
      .optional()
      .meta({ markdownDescription: 'One object holding the face image: `[ { "Face-1": "<base64>" } ]`.' }),
    Fingers: z
      .array(fingers)
      .length(1, { error: () => l10n.t('Fingers holds exactly one object with Finger-1..Finger-10 keys') })
      .optional()
      .meta({
        markdownDescription:
          'One object holding up to ten fingerprint images: `[ { "Finger-1": "<base64>", "Finger-2": "<base64>" } ]`. 1 right thumb, 2 right index, 3 right middle, 4 right ring, 5 right little, 6 left thumb, 7 left index, 8 left middle, 9 left ring, 10 left little.',
      }),
  };
  const personWithBiometrics = z
    .strictObject(biometrics)
    .refine((person) => person.Face !== undefined || person.Fingers !== undefined, {
      error: () => l10n.t('Person needs a Face or Fingers image'),
      params: { rule: 'missing-biometric' },
    })
    .meta({ anyOf: [{ required: ['Face'] }, { required: ['Fingers'] }] });
  const personEnvelope = (description: string) =>
    top({ Person: personWithBiometrics }).meta({ markdownDescription: description });

  const check = (role: 'face' | 'finger', description: string) =>
    top({
      Check: z.strictObject({ Image: base64Field(flavour, role, description) }),
    });

  return {
    enroll: personEnvelope('Enroll a person: store the templates of their face and/or fingers under `CustomID`.'),
    verify: personEnvelope('Verify (1:1) the images against the person enrolled under `CustomID`.'),
    update: personEnvelope('Replace the biometrics stored under `CustomID`.'),
    delete: top({ Person: z.strictObject({ CustomID }) }).meta({
      markdownDescription: 'Delete the person enrolled under `CustomID`. Carries only the CustomID.',
    }),
    match: top({
      Match: z.strictObject({
        Type: BiometricType,
        Format: TemplateFormat,
        Artifact_A: base64Field(flavour, 'template', 'First template.'),
        Artifact_B: base64Field(flavour, 'template', 'Second template.'),
      }),
    }),
    extract: top({
      Extract: z.strictObject({
        Type: BiometricType,
        Format: TemplateFormat,
        Artifact: base64Field(flavour, 'faceOrFinger', 'The image to extract a template from.'),
      }),
    }),
    wsq_encode: top({
      Encode: z.strictObject({
        Image: base64Field(flavour, 'finger', 'The fingerprint image to compress.'),
        Compression: z.number().positive().meta({
          markdownDescription: 'WSQ compression ratio (the FBI recommends about 0.75 bits per pixel).',
        }),
        PPI: z
          .number()
          .int()
          .positive()
          .meta({ markdownDescription: 'Scan resolution in pixels per inch, usually 500.' }),
      }),
    }),
    decode: top({
      Decode: z.strictObject({ Wsq: base64Field(flavour, 'wsq', 'The WSQ image to decode.') }),
    }),
    face_detect: check('face', 'The image to find faces in.'),
    liveness: top({
      Spoof: z.strictObject({
        Image: base64Field(flavour, 'face', 'The face image to check for liveness (passive anti-spoofing).'),
      }),
    }),
    anonymizer: check('face', 'The image whose faces are blurred out.'),
    check_icao: check('face', 'The face image to check against the 23 ICAO requirements.'),
    icao_crop: check('face', 'The face image to crop to the ICAO portrait frame.'),
    check_nfiq: check('finger', 'The fingerprint image to grade with NFIQ.'),
  };
}

export type RequestSchemas = ReturnType<typeof buildRequestSchemas>;
