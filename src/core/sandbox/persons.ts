import { KNOWN_400_TEXTS, SANDBOX_400_TEXTS } from '../contract/choices';
import { FINGER_KEYS } from '../contract/fields';
import { findFaces, probeImage } from './probe';
import { jsonReply, plainText400, type Reply } from './reply';
import { bioPassIdOf, matchTemplates, templateOf } from './templates';

/** The Person envelope after the catalog's wire schema has accepted it. */
export interface PersonRequest {
  Person: {
    CustomID: string;
    Face?: { 'Face-1': string }[];
    Fingers?: Record<string, string>[];
  };
}

interface EnrolledPerson {
  bioPassId: string;
  face: Buffer | undefined;
  fingers: ReadonlyMap<string, Buffer>;
}

interface Templates {
  face: Buffer | undefined;
  fingers: Map<string, Buffer>;
}

export const SANDBOX_CLIENT_ID = 'sandbox';

/** The format persons' templates are kept in: the vendor's own. */
const TEMPLATE_FORMAT = 'BIOPASS';

/**
 * The people enrolled in the sandbox, kept in memory by CustomID. Templates are extracted before
 * the CustomID is looked up, as a service has to before it can store or compare anything, so a
 * bad image is reported ahead of a duplicate or unknown CustomID.
 */
export class PersonStore {
  private readonly persons = new Map<string, EnrolledPerson>();

  clear(): void {
    this.persons.clear();
  }

  enroll({ Person: person }: PersonRequest): Reply {
    const templates = extractTemplates(person);
    if ('status' in templates) return templates;
    if (this.persons.has(person.CustomID)) return plainText400(SANDBOX_400_TEXTS.duplicateCustomId);
    const bioPassId = bioPassIdOf(person.CustomID, allTemplates(templates));
    this.persons.set(person.CustomID, { bioPassId, ...templates });
    return enrolledReply(person.CustomID, bioPassId);
  }

  /** Replaces every template: a biometric left out of the update is no longer enrolled. */
  update({ Person: person }: PersonRequest): Reply {
    const templates = extractTemplates(person);
    if ('status' in templates) return templates;
    const existing = this.persons.get(person.CustomID);
    if (existing === undefined) return plainText400(SANDBOX_400_TEXTS.unknownCustomId);
    // The BioPassID names the person, not the biometrics, so it survives an update.
    this.persons.set(person.CustomID, { bioPassId: existing.bioPassId, ...templates });
    return enrolledReply(person.CustomID, existing.bioPassId);
  }

  verify({ Person: person }: PersonRequest): Reply {
    const probe = extractTemplates(person);
    if ('status' in probe) return probe;
    const enrolled = this.persons.get(person.CustomID);
    if (enrolled === undefined) return plainText400(SANDBOX_400_TEXTS.unknownCustomId);
    const faceMatched = matches(probe.face, enrolled.face);
    // Fingers not sent are listed as not matched too: that is how the service reports them.
    const nonMatchedFingers = FINGER_KEYS.filter((key) => {
      const sent = probe.fingers.get(key);
      return !matches(sent, enrolled.fingers.get(key));
    });
    const sentFingers = [...probe.fingers.keys()];
    const everySentMatched =
      (probe.face === undefined || faceMatched) && sentFingers.every((key) => !nonMatchedFingers.includes(key));
    const anySent = probe.face !== undefined || sentFingers.length > 0;
    return jsonReply({
      Person: {
        CustomID: person.CustomID,
        Match: anySent && everySentMatched,
        MatchDetails: { FaceMatched: faceMatched, NonMatchedFingers: nonMatchedFingers },
      },
    });
  }

  delete({ Person: person }: { Person: { CustomID: string } }): Reply {
    if (!this.persons.delete(person.CustomID)) return plainText400(SANDBOX_400_TEXTS.unknownCustomId);
    return jsonReply({ Person: { CustomID: person.CustomID } });
  }
}

function enrolledReply(customId: string, bioPassId: string): Reply {
  return jsonReply({ Person: { ClientID: SANDBOX_CLIENT_ID, CustomID: customId, BioPassID: bioPassId } });
}

function allTemplates({ face, fingers }: Templates): Buffer[] {
  const none = Buffer.alloc(0);
  return [face ?? none, ...FINGER_KEYS.map((key) => fingers.get(key) ?? none)];
}

/** Verify's rule is match's: the score against the enrolled template, at the verify threshold. */
function matches(sent: Buffer | undefined, enrolled: Buffer | undefined): boolean {
  return sent !== undefined && enrolled !== undefined && matchTemplates(sent, enrolled).IsGenuine;
}

/** The templates of every image sent, or the 400 the service gives for the first unusable one. */
function extractTemplates(person: PersonRequest['Person']): Templates | Reply {
  let face: Buffer | undefined;
  const faceImage = person.Face?.[0]?.['Face-1'];
  if (faceImage !== undefined) {
    const probe = probeImage(faceImage);
    if (!probe.ok || findFaces(probe.image).length === 0) return plainText400(KNOWN_400_TEXTS.noFaceTemplate);
    face = templateOf('FACE', TEMPLATE_FORMAT, probe.image);
  }
  const fingers = new Map<string, Buffer>();
  const sent = person.Fingers?.[0] ?? {};
  for (const key of FINGER_KEYS) {
    const image = sent[key];
    if (image === undefined) continue;
    const probe = probeImage(image);
    if (!probe.ok) return plainText400(SANDBOX_400_TEXTS.noFingerTemplate);
    fingers.set(key, templateOf('FINGER', TEMPLATE_FORMAT, probe.image));
  }
  return { face, fingers };
}
