import { IMAGE_ROLES, type ImageRole, roleLabel, roleLabelWithArticle } from '../contract/images';
import type { ImageKind } from '../images/kind';
import { l10n } from '../l10n';

/** What an image field takes, merged over the candidate operations (a Check image may be a face or a finger). */
export interface ImageExpectation {
  role: ImageRole;
  kinds: readonly ImageKind[];
  /** What the field takes, as a person reads it: `face image`. */
  label: string;
  /** The same with its article: `a face image`. */
  labelWithArticle: string;
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
  const single = distinct.length === 1 || sameKinds(role);
  const label = single ? roleLabel(role) : distinct.map(roleLabel).join(l10n.t(' or '));
  const labelWithArticle = single
    ? roleLabelWithArticle(role)
    : l10n.t({ message: 'a {0}', args: [label], comment: 'an image of one of these kinds' });
  return { role, kinds, label, labelWithArticle, faceOnly: distinct.every((each) => each === 'face') };
}
