import { customIdProblem } from '../../core/contract/fields';
import { l10n } from '../../core/l10n';
import { personRequest } from '../../core/request/build';
import { COMMON_OPTIONS, CONNECTION_OPTIONS, parse, stringOption } from '../args';
import { clientFor, connectionFrom } from '../connection';
import { type CliIo, UsageError } from '../io';
import { reportOutcome } from '../report';

export async function runDelete(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, { ...COMMON_OPTIONS, ...CONNECTION_OPTIONS, 'custom-id': { type: 'string' } });
  if (parsed.positionals.length > 0)
    throw new UsageError(l10n.t('delete takes no file (got "{0}")', parsed.positionals[0] ?? ''));
  const customId = stringOption(parsed, 'custom-id');
  if (customId === undefined) throw new UsageError(l10n.t('delete needs --custom-id'));
  const refused = customIdProblem(customId);
  if (refused) throw new UsageError(`--custom-id: ${refused}`);
  const connection = connectionFrom(parsed, io);
  const outcome = await clientFor(connection).send('delete', personRequest(customId));
  return reportOutcome(outcome, io, {
    json: parsed.values.json === true,
    target: connection.describe,
    context: { customId },
  });
}
