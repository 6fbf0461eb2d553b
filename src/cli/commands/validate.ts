import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isOperationId, type OperationId } from '../../core/contract/operations';
import { l10n } from '../../core/l10n';
import { operationFromFileName } from '../../core/request/fileName';
import { checkFileReferences } from '../../core/request/fileReferences';
import { LineIndex, type RequestDiagnostic, validateRequest } from '../../core/validate/validateRequest';
import { parse, positiveNumberOption, ROOT_OPTION, rootFrom, stringOption } from '../args';
import { type CliIo, EXIT, UsageError } from '../io';

export interface FileDiagnostic extends RequestDiagnostic {
  file: string;
  line: number;
  column: number;
}

/** The editor's checks on one request file: the validator, then its `$file` references on disk. */
export async function diagnoseRequestFile(
  path: string,
  options: { operation?: OperationId; maxImageBytes?: number; allowedRoot: string },
): Promise<{ text?: string; diagnostics: FileDiagnostic[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? l10n.t('no such file') : String(error);
    const diagnostic = {
      severity: 'error',
      code: 'empty-document',
      message: l10n.t('cannot read: {0}', reason),
      offset: 0,
      length: 0,
    };
    return { diagnostics: [{ ...diagnostic, file: path, line: 1, column: 1 } as FileDiagnostic] };
  }
  const operation = options.operation ?? operationFromFileName(path);
  const limits = options.maxImageBytes === undefined ? {} : { maxImageBytes: options.maxImageBytes };
  const result = validateRequest(text, { ...(operation ? { operation } : {}), ...limits });
  const onDisk = await checkFileReferences(result.fileReferences, {
    requestPath: path,
    allowedRoot: options.allowedRoot,
    ...limits,
  });
  const lines = new LineIndex(text);
  const diagnostics = [...result.diagnostics, ...onDisk]
    .sort((a, b) => a.offset - b.offset)
    .map((diagnostic) => {
      const position = lines.position(diagnostic.offset);
      return { ...diagnostic, file: path, line: position.line + 1, column: position.character + 1 };
    });
  return { text, diagnostics };
}

export function formatDiagnostic(diagnostic: FileDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`;
}

export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    operation: { type: 'string' },
    'max-image-mb': { type: 'string' },
    ...ROOT_OPTION,
  });
  if (parsed.positionals.length === 0) throw new UsageError(l10n.t('validate needs at least one request file'));
  const operation = stringOption(parsed, 'operation');
  if (operation !== undefined && !isOperationId(operation))
    throw new UsageError(l10n.t('unknown operation "{0}"', operation));
  const maxMegabytes = positiveNumberOption(parsed, 'max-image-mb');
  const options = {
    allowedRoot: await rootFrom(parsed, io),
    ...(operation ? { operation } : {}),
    ...(maxMegabytes === undefined ? {} : { maxImageBytes: Math.round(maxMegabytes * 1024 * 1024) }),
  };
  const all: FileDiagnostic[] = [];
  for (const file of parsed.positionals) {
    const { diagnostics } = await diagnoseRequestFile(resolve(io.cwd, file), options);
    // Paths as the user typed them, so editors and CI logs can link them.
    all.push(...diagnostics.map((diagnostic) => ({ ...diagnostic, file })));
  }
  const errors = all.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (parsed.values.json === true) {
    io.stdout(`${JSON.stringify(all, null, 2)}\n`);
  } else {
    for (const diagnostic of all) io.stdout(`${formatDiagnostic(diagnostic)}\n`);
    const files = parsed.positionals.length;
    const checked =
      files === 1
        ? l10n.t('1 file checked: {0} error(s), {1} other finding(s)', errors, all.length - errors)
        : l10n.t('{0} files checked: {1} error(s), {2} other finding(s)', files, errors, all.length - errors);
    io.stderr(`${checked}\n`);
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
