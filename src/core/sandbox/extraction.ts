import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../contract/choices';
import { findFaces, probeImage } from './probe';
import { jsonReply, plainText400, type Reply } from './reply';
import { type Modality, matchTemplates, templateOf } from './templates';

export function extract(body: { Extract: { Type: Modality; Format: string; Artifact: string } }): Reply {
  const { Type: modality, Format: format, Artifact: artifact } = body.Extract;
  const probe = probeImage(artifact);
  const usable = probe.ok && (modality === 'FINGER' || findFaces(probe.image).length > 0);
  if (!probe.ok || !usable) {
    return plainText400(modality === 'FACE' ? KNOWN_400_TEXTS.noFaceTemplate : SANDBOX_400_TEXTS.noFingerTemplate);
  }
  const template = templateOf(modality, format, probe.image);
  return jsonReply({ Extract: { Template: template.toString('base64') } });
}

/** Artifacts are templates, opaque to the client: scored by the one rule of templates.ts. */
export function match(body: { Match: { Artifact_A: string; Artifact_B: string } }): Reply {
  const a = Buffer.from(body.Match.Artifact_A, 'base64');
  const b = Buffer.from(body.Match.Artifact_B, 'base64');
  return jsonReply({ Match: matchTemplates(a, b) });
}
