import * as z from 'zod';
import { fieldSchemas } from './fields';

/**
 * Response bodies as the contract describes them. Loose objects: a new field in a response must
 * not turn a success into a failure.
 */
export const ICAO_REQUIREMENTS = [
  'Blurred',
  'LookingAway',
  'InkMarked',
  'UnnaturalSkin',
  'TooDarkLight',
  'WashedOut',
  'Pixelation',
  'HairAcrossEyes',
  'EyesClosed',
  'VariedBackground',
  'Roll_Pitch_Yaw',
  'FlashReflectionOnSkin',
  'RedEyes',
  'ShadowsBehindHead',
  'ShadowsAcrossFace',
  'DarkTintedLenses',
  'FlashReflectionOnLenses',
  'FramesTooHeavy',
  'FramesCoveringEyes',
  'Hat_Cap',
  'VeilOverFace',
  'MouthOpen',
  'OtherFaces',
] as const;

/** Builds the response schemas; called once, on first use (see operations.ts). */
export function buildResponseSchemas() {
  const { OutcomeFields } = fieldSchemas();
  const b64 = z.string();
  const envelope = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ ...OutcomeFields, ...shape });
  const enrolledPerson = envelope({
    Person: z.looseObject({ ClientID: z.string().optional(), CustomID: z.string(), BioPassID: z.string() }),
  });
  return {
    enroll: enrolledPerson,
    update: enrolledPerson,
    verify: envelope({
      Person: z.looseObject({
        CustomID: z.string(),
        Match: z.boolean(),
        MatchDetails: z
          .looseObject({ FaceMatched: z.boolean(), NonMatchedFingers: z.array(z.string()) })
          .partial()
          .optional(),
      }),
    }),
    delete: envelope({ Person: z.looseObject({ CustomID: z.string() }) }),
    match: envelope({ Match: z.looseObject({ IsGenuine: z.boolean(), Score: z.number() }) }),
    extract: envelope({ Extract: z.looseObject({ Template: b64 }) }),
    wsq_encode: envelope({ Encode: z.looseObject({ Success: z.boolean(), Image: b64 }) }),
    decode: envelope({ Decode: z.looseObject({ Success: z.boolean(), Image: b64 }) }),
    face_detect: envelope({
      DetectedFaces: z.looseObject({
        FaceNumber: z.number().int(),
        FaceRects: z.array(z.looseObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })),
      }),
    }),
    // Lower-case keys: that is how the service spells them.
    liveness: z.looseObject({ Success: z.boolean(), result: z.string(), spoof: z.boolean().optional() }),
    anonymizer: envelope({ FaceAnonymizer: z.looseObject({ Image: b64 }) }),
    check_icao: envelope({
      ICAO: z.looseObject({
        FaceImageConformed: z.number(),
        IsAllConformed: z.boolean(),
        Requirements: z.record(z.string(), z.looseObject({ IsConformed: z.boolean(), Confidence: z.number() })),
      }),
    }),
    // "Croped" (sic) is the service's spelling.
    icao_crop: envelope({ IcaoCropedImage: z.looseObject({ Image: b64 }) }),
    check_nfiq: envelope({ NFIQ: z.looseObject({ Quality: z.number() }) }),
  };
}

export type ResponseSchemas = ReturnType<typeof buildResponseSchemas>;
