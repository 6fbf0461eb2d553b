import type { ICAO_REQUIREMENTS } from '../contract/responses';

type Requirement = (typeof ICAO_REQUIREMENTS)[number];

/** The 23 ICAO requirements grouped the way a person checking a portrait thinks of them. */
export const ICAO_GROUPS: readonly { name: string; requirements: readonly Requirement[] }[] = [
  {
    name: 'Image quality',
    requirements: ['Blurred', 'Pixelation', 'WashedOut', 'TooDarkLight', 'UnnaturalSkin', 'InkMarked'],
  },
  {
    name: 'Pose and expression',
    requirements: ['LookingAway', 'Roll_Pitch_Yaw', 'EyesClosed', 'MouthOpen', 'HairAcrossEyes'],
  },
  { name: 'Lighting', requirements: ['FlashReflectionOnSkin', 'RedEyes', 'ShadowsBehindHead', 'ShadowsAcrossFace'] },
  {
    name: 'Accessories',
    requirements: [
      'DarkTintedLenses',
      'FlashReflectionOnLenses',
      'FramesTooHeavy',
      'FramesCoveringEyes',
      'Hat_Cap',
      'VeilOverFace',
    ],
  },
  { name: 'Background', requirements: ['VariedBackground', 'OtherFaces'] },
];

/** The group a requirement belongs to; a name the contract does not list goes to "Other". */
export function icaoGroupOf(name: string): string {
  return ICAO_GROUPS.find((group) => (group.requirements as readonly string[]).includes(name))?.name ?? 'Other';
}
