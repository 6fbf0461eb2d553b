import { IMAGE_ROLES, type ImageRole } from '../contract/images';
import type { ImageKind } from '../images/kind';

/** What an image field takes, merged over the candidate operations (a Check image may be a face or a finger). */
export interface ImageExpectation {
  role: ImageRole;
  kinds: readonly ImageKind[];
  label: string;
  /** Every candidate takes a face here: face-only limits apply. */
  faceOnly: boolean;
}

export function expectationOf(roles: readonly ImageRole[]): ImageExpectation {
  const distinct = [...new Set(roles)];
  const kinds = [...new Set(distinct.flatMap((role): readonly ImageKind[] => IMAGE_ROLES[role].kinds))];
  const sameKinds = (role: ImageRole) => {
    const roleKinds: readonly ImageKind[] = IMAGE_ROLES[role].kinds;
    return roleKinds.length === kinds.length && kinds.every((kind) => roleKinds.includes(kind));
  };
  const first = distinct[0] ?? 'template';
  const role = distinct.length === 1 ? first : ((Object.keys(IMAGE_ROLES) as ImageRole[]).find(sameKinds) ?? first);
  const label =
    distinct.length === 1 || sameKinds(role)
      ? IMAGE_ROLES[role].label
      : distinct.map((each) => IMAGE_ROLES[each].label).join(' or ');
  return { role, kinds, label, faceOnly: distinct.every((each) => each === 'face') };
}
