import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { customIdProblem, FINGER_KEYS } from '../../core/contract/fields';
import type { ImageRole } from '../../core/contract/images';
import type { OperationId } from '../../core/contract/operations';
import { imageFileProblem } from '../../core/images/integrity';
import { readImageFile, toBase64 } from '../../core/images/read';
import { l10n } from '../../core/l10n';
import { personRequest, type SingleImageOperation, singleImageRequest } from '../../core/request/build';
import { returnedImage } from '../../core/verdict';
import { COMMON_OPTIONS, CONNECTION_OPTIONS, parse, stringOption } from '../args';
import { clientFor, connectionFrom } from '../connection';
import { type CliIo, EXIT, UsageError } from '../io';
import { reportOutcome } from '../report';

/** CLI verb -> the operation it sends and the image role it takes. */
export const IMAGE_COMMANDS = {
  enroll: { operation: 'enroll', role: 'face' },
  verify: { operation: 'verify', role: 'face' },
  update: { operation: 'update', role: 'face' },
  liveness: { operation: 'liveness', role: 'face' },
  detect: { operation: 'face_detect', role: 'face' },
  icao: { operation: 'check_icao', role: 'face' },
  nfiq: { operation: 'check_nfiq', role: 'finger' },
  anonymize: { operation: 'anonymizer', role: 'face' },
  crop: { operation: 'icao_crop', role: 'face' },
} as const satisfies Record<string, { operation: OperationId; role: ImageRole }>;

export type ImageCommand = keyof typeof IMAGE_COMMANDS;

const PERSON_OPERATIONS: readonly OperationId[] = ['enroll', 'verify', 'update'];

/** Parses --finger 1..10 into a finger key. */
function fingerKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const index = Number(text);
  const key = FINGER_KEYS[index - 1];
  if (!Number.isInteger(index) || key === undefined)
    throw new UsageError(l10n.t('--finger must be 1..10, not "{0}"', text));
  return key;
}

export async function runImageCommand(command: ImageCommand, argv: string[], io: CliIo): Promise<number> {
  const spec = IMAGE_COMMANDS[command];
  const isPerson = PERSON_OPERATIONS.includes(spec.operation);
  const parsed = parse(argv, {
    ...COMMON_OPTIONS,
    ...CONNECTION_OPTIONS,
    ...(isPerson ? { 'custom-id': { type: 'string' }, finger: { type: 'string' } } : {}),
    ...(command === 'anonymize' || command === 'crop' ? { out: { type: 'string' } } : {}),
  });
  const [imagePath, ...extra] = parsed.positionals;
  if (!imagePath) throw new UsageError(l10n.t('{0} needs an image file', command));
  if (extra.length > 0)
    throw new UsageError(l10n.t('{0} takes one image, not {1}', command, parsed.positionals.length));
  const customId = stringOption(parsed, 'custom-id');
  if (isPerson && customId === undefined) throw new UsageError(l10n.t('{0} needs --custom-id', command));
  const customIdRefused = isPerson ? customIdProblem(customId ?? '') : undefined;
  if (customIdRefused) throw new UsageError(`--custom-id: ${customIdRefused}`);
  const finger = fingerKey(stringOption(parsed, 'finger'));
  const role: ImageRole = finger ? 'finger' : spec.role;
  const connection = connectionFrom(parsed, io);

  // Read and check the image before anything is sent: a wrong file never leaves the machine.
  let image: Awaited<ReturnType<typeof readImageFile>>;
  try {
    image = await readImageFile(resolve(io.cwd, imagePath));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${l10n.t('Nothing was sent.')}\n`);
    return EXIT.failed;
  }
  const problem = imageFileProblem(imagePath, image.bytes, role);
  if (problem) {
    io.stderr(`${problem} ${l10n.t('Nothing was sent.')}\n`);
    return EXIT.failed;
  }
  const base64 = toBase64(image.bytes);
  const body = isPerson
    ? personRequest(customId as string, finger ? { fingers: { [finger]: base64 } } : { face: base64 })
    : singleImageRequest(spec.operation as SingleImageOperation, base64);

  const outcome = await clientFor(connection).send(spec.operation, body);
  const exit = reportOutcome(outcome, io, {
    json: parsed.values.json === true,
    target: connection.describe,
    context: { ...(customId ? { customId } : {}), sentFace: !finger, sentFingers: finger ? [finger] : [] },
  });
  const out = stringOption(parsed, 'out');
  if (out && outcome.kind === 'success') {
    const returned = returnedImage(spec.operation, outcome.body);
    if (returned) {
      await writeFile(resolve(io.cwd, out), Buffer.from(returned, 'base64'));
      io.stderr(`${l10n.t('Wrote {0}', out)}\n`);
    }
  }
  return exit;
}
