import { ICAO_CONFIDENCE_SCALE } from '../contract/choices';
import { FINGER_KEYS, fingerName } from '../contract/fields';
import { OPERATIONS } from '../contract/operations';
import { l10n } from '../l10n';
import { isNegativeAnswer } from '../verdict';
import { ICAO_GROUPS, icaoGroupOf } from './icaoGroups';
import { answerImage, sentImages } from './images';
import type {
  FaceBox,
  FingerView,
  IcaoGroup,
  IcaoItem,
  OutcomeLike,
  ResultAction,
  ResultInput,
  ResultView,
  Section,
  ShownImage,
  Tone,
} from './types';

type Json = Record<string, unknown>;
type Redact = (text: string) => string;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown, fallback = '-'): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : fallback;
}

function label(outcome: OutcomeLike): string {
  if (outcome.kind === 'gateway-error' && outcome.reason) return outcome.reason;
  if (outcome.kind === 'network-error' && outcome.cause) return outcome.cause;
  if (outcome.kind === 'malformed-response' && outcome.problem) return `malformed-response (${outcome.problem})`;
  return outcome.kind;
}

/** The Output block's first and third lines, word for word (src/run/call.ts). */
export function headerLine(input: ResultInput): string {
  const title = OPERATIONS[input.operation].title;
  return `${title}${input.customId ? ` · CustomID ${input.customId}` : ''}${input.source ? ` · ${input.source}` : ''} · ${input.environment}`;
}

export function statusLine(outcome: OutcomeLike): string {
  const attempts = outcome.attempts > 1 ? ` · ${l10n.t('{0} attempts', outcome.attempts)}` : '';
  return `HTTP ${outcome.status ?? '-'} · ${label(outcome)} · ${Math.round(outcome.latencyMs)} ms${attempts}`;
}

function faceSection(root: Json, image: ShownImage | undefined): Section {
  const detected = object(root.DetectedFaces);
  const rects = Array.isArray(detected.FaceRects) ? detected.FaceRects.map(object) : [];
  const boxes: FaceBox[] = rects.map((rect, index) => ({
    number: index + 1,
    x: Number(rect.x) || 0,
    y: Number(rect.y) || 0,
    width: Number(rect.width) || 0,
    height: Number(rect.height) || 0,
  }));
  const count = typeof detected.FaceNumber === 'number' ? detected.FaceNumber : boxes.length;
  const warning =
    count === 1
      ? undefined
      : count === 0
        ? l10n.t('No face found: enroll, verify and ICAO need exactly one.')
        : l10n.t('{0} faces found: enroll, verify and ICAO need exactly one.', count);
  return { kind: 'faces', ...(image ? { image } : {}), boxes, count, ...(warning ? { warning } : {}) };
}

function icaoSection(root: Json, image: ShownImage | undefined, redact: Redact): Section {
  const icao = object(root.ICAO);
  const requirements = object(icao.Requirements);
  const items: IcaoItem[] = Object.entries(requirements).map(([name, value]) => {
    const result = object(value);
    return {
      name: redact(name),
      conformed: result.IsConformed === true,
      ...(typeof result.Confidence === 'number' ? { confidence: result.Confidence } : {}),
    };
  });
  // Failures first within each group, and groups holding a failure first.
  const groupNames = [...ICAO_GROUPS.map((group) => group.name), 'Other'];
  const groups: IcaoGroup[] = groupNames
    .map((name) => ({
      name,
      items: items
        .filter((item) => icaoGroupOf(item.name) === name)
        .sort((a, b) => Number(a.conformed) - Number(b.conformed)),
    }))
    .filter((group) => group.items.length > 0)
    .sort((a, b) => Number(a.items.every((item) => item.conformed)) - Number(b.items.every((item) => item.conformed)));
  return {
    kind: 'icao',
    ...(image ? { image } : {}),
    ...(icao.FaceImageConformed === undefined ? {} : { faceImageConformed: redact(text(icao.FaceImageConformed)) }),
    allConformed: icao.IsAllConformed === true,
    failures: items.filter((item) => !item.conformed).map((item) => item.name),
    groups,
    confidenceScale: ICAO_CONFIDENCE_SCALE,
  };
}

function handsSection(input: ResultInput, root: Json): Section {
  const details = object(object(root.Person).MatchDetails);
  const nonMatched = new Set(Array.isArray(details.NonMatchedFingers) ? details.NonMatchedFingers.map(String) : []);
  const sent = input.context.sentFingers ?? [];
  const fingers: FingerView[] = FINGER_KEYS.map((key) => ({
    key,
    name: fingerName(key) ?? key,
    state: !sent.includes(key) ? 'not-sent' : nonMatched.has(key) ? 'not-matched' : 'matched',
  }));
  return { kind: 'hands', fingers };
}

function personCard(input: ResultInput, root: Json, redact: Redact): Section {
  const person = object(root.Person);
  const rows = [
    { label: 'CustomID', value: redact(text(person.CustomID, input.customId ?? '-')), copy: true },
    ...(person.BioPassID === undefined
      ? []
      : [{ label: 'BioPassID', value: redact(text(person.BioPassID)), copy: true }]),
    ...(person.ClientID === undefined ? [] : [{ label: 'ClientID', value: redact(text(person.ClientID)), copy: true }]),
    { label: l10n.t('Environment'), value: redact(input.environment) },
  ];
  return { kind: 'facts', title: l10n.t('Person'), rows };
}

function templateSize(value: unknown): string {
  if (typeof value !== 'string') return '-';
  const bytes = Buffer.from(value, 'base64').length;
  return l10n.t('{0} bytes', bytes.toLocaleString('en'));
}

/** The sections of a successful (or logically failed) answer, by operation. */
function answerSections(input: ResultInput, body: unknown, redact: Redact): Section[] {
  const root = object(body);
  const sent = sentImages(input.operation, input.body);
  switch (input.operation) {
    case 'face_detect':
      return [faceSection(root, sent[0])];
    case 'check_icao':
      return [icaoSection(root, sent[0], redact)];
    case 'anonymizer':
    case 'icao_crop': {
      const holder = input.operation === 'anonymizer' ? root.FaceAnonymizer : root.IcaoCropedImage;
      const after = answerImage(
        input.operation === 'anonymizer' ? l10n.t('Anonymized') : l10n.t('Cropped'),
        object(holder).Image,
      );
      return [
        { kind: 'images', title: l10n.t('Before and after'), images: [...sent.slice(0, 1), ...(after ? [after] : [])] },
      ];
    }
    case 'liveness':
      return [
        { kind: 'images', title: l10n.t('Image'), images: sent },
        {
          kind: 'facts',
          title: l10n.t('Liveness'),
          rows: [
            { label: l10n.t('Verdict'), value: root.spoof === true ? l10n.t('spoof') : l10n.t('live') },
            { label: 'result', value: redact(text(root.result)) },
          ],
        },
      ];
    case 'verify': {
      const person = object(root.Person);
      const details = object(person.MatchDetails);
      const face =
        input.context.sentFace === false
          ? l10n.t('not sent')
          : details.FaceMatched === true
            ? l10n.t('matched')
            : l10n.t('did not match');
      return [
        { kind: 'images', title: l10n.t('Probe'), images: sent },
        {
          kind: 'facts',
          title: 'MatchDetails',
          rows: [
            { label: 'CustomID', value: redact(text(person.CustomID, input.customId ?? '-')), copy: true },
            { label: 'Match', value: person.Match === true ? l10n.t('match') : l10n.t('no match') },
            { label: 'Face', value: face },
          ],
        },
        handsSection(input, root),
      ];
    }
    case 'enroll':
    case 'update':
      return [personCard(input, root, redact), { kind: 'images', title: l10n.t('Sent'), images: sent }];
    case 'delete':
      return [personCard(input, root, redact)];
    case 'check_nfiq':
      return [
        { kind: 'images', title: l10n.t('Fingerprint'), images: sent },
        {
          kind: 'facts',
          title: 'NFIQ',
          rows: [
            // The NFIQ scale is unknown (choices.ts): the number, never a judgement.
            { label: l10n.t('Quality'), value: redact(text(object(root.NFIQ).Quality)) },
          ],
        },
      ];
    case 'match': {
      const match = object(root.Match);
      return [
        {
          kind: 'facts',
          title: 'Match',
          rows: [
            { label: l10n.t('Score'), value: redact(text(match.Score)) },
            { label: 'IsGenuine', value: text(match.IsGenuine) },
          ],
        },
      ];
    }
    case 'extract': {
      const extract = object(root.Extract);
      const sentExtract = object(object(input.body).Extract);
      return [
        { kind: 'images', title: l10n.t('Sent'), images: sent },
        {
          kind: 'facts',
          title: l10n.t('Template'),
          rows: [
            { label: l10n.t('Format'), value: redact(text(sentExtract.Format)) },
            { label: l10n.t('Type'), value: redact(text(sentExtract.Type)) },
            { label: l10n.t('Size'), value: templateSize(extract.Template) },
          ],
        },
      ];
    }
    case 'wsq_encode': {
      const encoded = object(root.Encode).Image;
      return [
        { kind: 'images', title: l10n.t('Sent'), images: sent },
        { kind: 'facts', title: 'WSQ', rows: [{ label: l10n.t('Encoded size'), value: templateSize(encoded) }] },
      ];
    }
    case 'decode': {
      const decoded = answerImage(l10n.t('Decoded'), object(root.Decode).Image);
      return [{ kind: 'images', title: l10n.t('Decoded'), images: decoded ? [decoded] : [] }];
    }
  }
}

function toneOf(input: ResultInput): Tone {
  const { outcome } = input;
  if (outcome.kind !== 'success') return 'bad';
  if (isNegativeAnswer(input.operation, outcome.body)) return 'warning';
  if (input.operation === 'face_detect') {
    const count = object(object(outcome.body).DetectedFaces).FaceNumber;
    return count === 1 ? 'good' : 'warning';
  }
  if (input.operation === 'check_icao')
    return object(object(outcome.body).ICAO).IsAllConformed === true ? 'good' : 'warning';
  return 'good';
}

/** The actions a failure offers, as its notification does (src/run/notify.ts). */
function failureActions(outcome: OutcomeLike): ResultAction[] {
  const keyProblem =
    outcome.kind === 'gateway-error' && (outcome.reason === 'missing-key' || outcome.reason === 'invalid-key');
  return [
    ...(keyProblem ? [{ id: 'setKey' as const, label: l10n.t('Set API Key') }] : []),
    ...(outcome.retryable ? [{ id: 'retry' as const, label: l10n.t('Retry') }] : []),
  ];
}

/**
 * The result panel of one call, built from the answer alone: a pure function, so every view is
 * unit-tested without VS Code. Every text that came from a response, a file name or a CustomID
 * passes `redact` (the panel is an output sink); the HTML builder escapes it.
 */
export function buildResultView(input: ResultInput, redact: Redact): ResultView {
  const { outcome } = input;
  const sections: Section[] = [];
  if (outcome.kind === 'success' || outcome.kind === 'logical-failure') {
    sections.push(...answerSections(input, outcome.body, redact));
  } else {
    const images = sentImages(input.operation, input.body);
    if (images.length > 0) sections.push({ kind: 'images', title: l10n.t('Sent'), images });
  }
  if (outcome.kind !== 'success') {
    sections.unshift({
      kind: 'failure',
      explanation: redact(outcome.explanation ?? ''),
      nextStep: redact(outcome.nextStep ?? ''),
    });
  }
  if (outcome.schemaWarnings && outcome.schemaWarnings.length > 0) {
    sections.push({
      kind: 'warnings',
      title: l10n.t('The response differs from the documented contract'),
      items: outcome.schemaWarnings.map(redact),
    });
  }
  const hasBody = 'body' in outcome && outcome.body !== undefined;
  const actions: ResultAction[] = [
    ...(outcome.kind === 'success' ? [] : failureActions(outcome)),
    ...(hasBody && input.hasResponse !== false
      ? [
          { id: 'openJson' as const, label: l10n.t('Open Response as JSON') },
          { id: 'saveResponse' as const, label: l10n.t('Save Response…') },
        ]
      : []),
    { id: 'viewLogs', label: l10n.t('View Logs') },
  ];
  const title = OPERATIONS[input.operation].title;
  return {
    title: redact(`${title}${input.source ? `: ${input.source}` : input.customId ? `: ${input.customId}` : ''}`),
    header: redact(headerLine(input)),
    headline: redact(input.headline),
    tone: toneOf(input),
    statusLine: statusLine(outcome),
    sections,
    actions,
    ...(hasBody ? { responseJson: redact(JSON.stringify(outcome.body, null, 2)) } : {}),
  };
}
