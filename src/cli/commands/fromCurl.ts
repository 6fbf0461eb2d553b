import { access, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { curlToRequestFile } from '../../core/curl/fromCurl';
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
    throw new UsageError('from-curl reads the curl command from standard input and takes no arguments');
  }
  if (!io.readStdin) throw new UsageError('from-curl needs the curl command on standard input');
  const text = await io.readStdin();
  const result = await curlToRequestFile(text, {
    inline: parsed.values.inline === true,
    readDataFile: async (path) => {
      if (path === '-') throw new Error('the body is already standard input');
      return readFile(resolve(io.cwd, path), 'utf8');
    },
  });
  if (!result.ok) {
    io.stderr(`biopassid from-curl: ${result.message}\nNothing was written.\n`);
    return EXIT.failed;
  }
  const { value } = result;
  const out = resolve(io.cwd, stringOption(parsed, 'out') ?? value.fileName);
  const targets = [out, ...value.images.map((image) => join(dirname(out), image.fileName))];
  if (parsed.values.force !== true) {
    for (const target of targets) {
      if (await exists(target)) {
        io.stderr(`biopassid from-curl: ${target} already exists (--force replaces it).\nNothing was written.\n`);
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
    io.stdout(
      `Wrote ${basename(out)} (${value.operation})${value.images.length > 0 ? ` and ${value.images.length} image file(s)` : ''}: ${out}\n`,
    );
    for (const note of value.notes) io.stderr(`note: ${note}\n`);
  }
  return EXIT.ok;
}
