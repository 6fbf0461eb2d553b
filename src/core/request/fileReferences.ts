import { dirname } from 'node:path';
import { acceptedKindsText, IMAGE_ROLES } from '../contract/images';
import { structureProblem, unsupportedImageProblem } from '../images/integrity';
import type { ImageInfo } from '../images/read';
import { l10n } from '../l10n';
import type { FileReferenceLocation, RequestDiagnostic } from '../validate/validateRequest';
import { readReferencedImage } from './prepare';

export interface FileReferenceCheckOptions {
  /** The request file; `$file` paths are relative to its folder. */
  requestPath: string;
  /** Where `$file` references must stay: see PrepareOptions.allowedRoot. */
  allowedRoot: string;
  maxImageBytes?: number;
}

/**
 * Checks each `{ "$file": … }` of a request on disk: it exists, is readable, lies inside the
 * allowed folder and is an image the field takes. The validator itself stays free of I/O; the
 * editor and the CLI run this after it.
 */
export async function checkFileReferences(
  references: readonly FileReferenceLocation[],
  options: FileReferenceCheckOptions,
): Promise<RequestDiagnostic[]> {
  const baseDir = dirname(options.requestPath);
  const diagnostics: RequestDiagnostic[] = [];
  for (const reference of references) {
    const at = { offset: reference.offset, length: reference.length };
    let image: ImageInfo;
    try {
      // The same rules as sending, so what passes here is what will be read then.
      image = await readReferencedImage(reference.path, [], { ...options, baseDir });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      diagnostics.push({ severity: 'error', code: 'file-reference-unusable', message, ...at });
      continue;
    }
    const { kinds, label } = IMAGE_ROLES[reference.role];
    const accepted: readonly string[] = kinds;
    if (accepted.length === 0) continue;
    if (!image.kind) {
      diagnostics.push({
        severity: 'error',
        code: 'file-reference-not-an-image',
        message:
          unsupportedImageProblem(reference.path, image.bytes, reference.role) ??
          l10n.t('{0} is not an image: the API would answer 400. This field takes a {1}.', reference.path, label),
        ...at,
      });
    } else if (!accepted.includes(image.kind)) {
      diagnostics.push({
        severity: 'warning',
        code: 'file-reference-unexpected-kind',
        message: l10n.t(
          '{0} is a {1} image; this field takes a {2} ({3}).',
          reference.path,
          image.kind.toUpperCase(),
          label,
          acceptedKindsText(reference.role),
        ),
        ...at,
      });
    }
    const broken = image.kind ? structureProblem(reference.path, image.bytes, image.kind) : undefined;
    if (broken) {
      diagnostics.push({
        severity: 'error',
        code: broken.fault === 'truncated' ? 'file-reference-truncated' : 'file-reference-malformed',
        message: `${broken.message} ${l10n.t('The API could not decode it.')}`,
        ...at,
      });
    }
  }
  return diagnostics;
}
