import { dirname, resolve } from 'node:path';
import { isOperationId, OPERATION_IDS } from '../../core/contract/operations';
import { l10n } from '../../core/l10n';
import { sentBiometrics } from '../../core/request/fileName';
import { prepareWireBody, RequestPreparationError } from '../../core/request/prepare';
import { COMMON_OPTIONS, CONNECTION_OPTIONS, parse, ROOT_OPTION, rootFrom } from '../args';
import { clientFor, connectionFrom } from '../connection';
import { type CliIo, EXIT, UsageError } from '../io';
import { reportOutcome } from '../report';
import { diagnoseRequestFile, formatDiagnostic } from './validate';

export async function runSend(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, { ...COMMON_OPTIONS, ...CONNECTION_OPTIONS, ...ROOT_OPTION });
  const [operation, file, ...extra] = parsed.positionals;
  if (!operation || !file) throw new UsageError(l10n.t('send needs an operation and a request file'));
  if (extra.length > 0) throw new UsageError(l10n.t('send takes one request file'));
  if (!isOperationId(operation)) {
    throw new UsageError(l10n.t('unknown operation "{0}"; one of: {1}', operation, OPERATION_IDS.join(', ')));
  }
  const connection = connectionFrom(parsed, io);
  const path = resolve(io.cwd, file);
  const allowedRoot = await rootFrom(parsed, io);

  // Validate exactly as `validate` does; a request the API would refuse is never sent.
  const { text, diagnostics } = await diagnoseRequestFile(path, { operation, allowedRoot });
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (text === undefined || errors.length > 0) {
    for (const diagnostic of errors) io.stderr(`${formatDiagnostic({ ...diagnostic, file })}\n`);
    io.stderr(`${l10n.t('{0} has {1} error(s). Nothing was sent.', file, errors.length)}\n`);
    return EXIT.failed;
  }
  let body: unknown;
  try {
    ({ body } = await prepareWireBody(JSON.parse(text.replace(/^\uFEFF/, '')), {
      baseDir: dirname(path),
      allowedRoot,
    }));
  } catch (error) {
    const message = error instanceof RequestPreparationError ? error.message : String(error);
    io.stderr(`${file}: ${l10n.t('{0}. Nothing was sent.', message.replace(/\.$/, ''))}\n`);
    return EXIT.failed;
  }
  const outcome = await clientFor(connection).send(operation, body);
  return reportOutcome(outcome, io, {
    json: parsed.values.json === true,
    target: connection.describe,
    context: sentBiometrics(body),
  });
}
