import { access, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { curlToRequestFile } from '../../core/curl/fromCurl';
import { l10n } from '../../core/l10n';
import { COMMON_OPTIONS, parse, stringOption } from '../args';
import { type CliIo, EXIT, UsageError } from '../io';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * `biopassid from-curl [--out FILE] [--inline] [--force]`: a curl command on standard input
 * becomes a request file (and its images next to it). Nothing is written when the command
 * cannot be read; an existing file is kept unless --force.
 */
export async function runFromCurl(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    ...COMMON_OPTIONS,
    out: { type: 'string' },
    inline: { type: 'boolean' },
    force: { type: 'boolean' },
  });
  if (parsed.positionals.length > 0) {
    throw new UsageError(l10n.t('from-curl reads the curl command from standard input and takes no arguments'));
  }
  if (!io.readStdin) throw new UsageError(l10n.t('from-curl needs the curl command on standard input'));
  const text = await io.readStdin();
  const result = await curlToRequestFile(text, {
    inline: parsed.values.inline === true,
    readDataFile: async (path) => {
      if (path === '-') throw new Error(l10n.t('the body is already standard input'));
      return readFile(resolve(io.cwd, path), 'utf8');
    },
  });
  if (!result.ok) {
    io.stderr(`biopassid from-curl: ${result.message}\n${l10n.t('Nothing was written.')}\n`);
    return EXIT.failed;
  }
  const { value } = result;
  const out = resolve(io.cwd, stringOption(parsed, 'out') ?? value.fileName);
  const targets = [out, ...value.images.map((image) => join(dirname(out), image.fileName))];
  if (parsed.values.force !== true) {
    for (const target of targets) {
      if (await exists(target)) {
        io.stderr(
          `biopassid from-curl: ${l10n.t('{0} already exists (--force replaces it).', target)}\n${l10n.t('Nothing was written.')}\n`,
        );
        return EXIT.failed;
      }
    }
  }
  for (const image of value.images) await writeFile(join(dirname(out), image.fileName), image.bytes);
  await writeFile(out, value.text);
  if (parsed.values.json === true) {
    io.stdout(
      `${JSON.stringify({ file: out, operation: value.operation, environment: value.environment, images: targets.slice(1), notes: value.notes }, null, 2)}\n`,
    );
  } else {
    const wrote =
      value.images.length > 0
        ? l10n.t('Wrote {0} ({1}) and {2} image file(s): {3}', basename(out), value.operation, value.images.length, out)
        : l10n.t('Wrote {0} ({1}): {2}', basename(out), value.operation, out);
    io.stdout(`${wrote}\n`);
    for (const note of value.notes) io.stderr(`${l10n.t('note: {0}', note)}\n`);
  }
  return EXIT.ok;
}
