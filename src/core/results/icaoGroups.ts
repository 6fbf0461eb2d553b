import type { ICAO_REQUIREMENTS } from '../contract/responses';
import { l10n } from '../l10n';

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

/** A group's name as a person reads it, in their language; `Other` for a name the contract does not list. */
export function icaoGroupLabel(name: string): string {
  switch (name) {
    case 'Image quality':
      return l10n.t('Image quality');
    case 'Pose and expression':
      return l10n.t('Pose and expression');
    case 'Lighting':
      return l10n.t('Lighting');
    case 'Accessories':
      return l10n.t('Accessories');
    case 'Background':
      return l10n.t('Background');
    default:
      return l10n.t({ message: 'Other', comment: 'ICAO requirements the contract does not list' });
  }
}
