import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { datasetFaceJpeg, datasetFingerprintTiff } from '../../core/images/dataset';
import { l10n } from '../../core/l10n';
import { COMMON_OPTIONS, parse, positiveNumberOption, stringOption } from '../args';
import { type CliIo, EXIT, UsageError } from '../io';

const MAX_PEOPLE = 10_000;
const MAX_IMAGES = 100;

export function personFolder(index: number): string {
  return `person-${String(index + 1).padStart(3, '0')}`;
}

export async function runSamples(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    ...COMMON_OPTIONS,
    people: { type: 'string' },
    images: { type: 'string' },
    out: { type: 'string' },
    fingers: { type: 'boolean' },
    seed: { type: 'string' },
    size: { type: 'string' },
  });
  if (parsed.positionals.length > 0) throw new UsageError(l10n.t('samples takes no positional arguments'));
  const people = positiveNumberOption(parsed, 'people');
  const images = positiveNumberOption(parsed, 'images');
  const out = stringOption(parsed, 'out');
  if (people === undefined || images === undefined || out === undefined) {
    throw new UsageError(l10n.t('samples needs --people P --images I --out DIR'));
  }
  if (!Number.isInteger(people) || people > MAX_PEOPLE)
    throw new UsageError(l10n.t('--people must be a whole number up to {0}', MAX_PEOPLE));
  if (!Number.isInteger(images) || images > MAX_IMAGES)
    throw new UsageError(l10n.t('--images must be a whole number up to {0}', MAX_IMAGES));
  const size = positiveNumberOption(parsed, 'size');
  if (size !== undefined && (!Number.isInteger(size) || size < 64 || size > 1024)) {
    throw new UsageError(l10n.t('--size must be a whole number of pixels from 64 to 1024'));
  }
  const seed = stringOption(parsed, 'seed') ?? '1';
  const fingers = parsed.values.fingers === true;
  const root = resolve(io.cwd, out);
  for (let person = 0; person < people; person++) {
    const folder = join(root, personFolder(person));
    await mkdir(folder, { recursive: true });
    for (let shot = 0; shot < images; shot++) {
      const options = { seed, person, shot, ...(size === undefined ? {} : { size }) };
      const bytes = fingers ? datasetFingerprintTiff(options) : datasetFaceJpeg(options);
      await writeFile(join(folder, `${shot + 1}.${fingers ? 'tif' : 'jpg'}`), bytes);
    }
  }
  const wrote = fingers
    ? l10n.t('Wrote {0} synthetic fingerprints of {1} persons to {2} (seed {3}).', people * images, people, out, seed)
    : l10n.t('Wrote {0} synthetic faces of {1} persons to {2} (seed {3}).', people * images, people, out, seed);
  io.stdout(`${wrote}\n`);
  return EXIT.ok;
}
