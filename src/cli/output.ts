import { Redactor } from '../core/redact';
import { KEY_VARIABLE } from './connection';
import type { CliIo } from './io';

/**
 * The CLI's one owner of redaction on the output path. runCli hands every command an io whose
 * stdout and stderr pass each text through one Redactor that knows the subscription key (the CLI
 * reads it from BIOPASSID_API_KEY only), so nothing a command prints needs redacting on its own:
 * a verdict, a response body, a target line with a key in the base URL's path, an error message.
 */
export function redactedIo(io: CliIo): CliIo {
  const redactor = new Redactor();
  const key = io.env[KEY_VARIABLE];
  if (key) redactor.remember(key);
  return {
    ...io,
    stdout: (text) => io.stdout(redactor.text(text)),
    stderr: (text) => io.stderr(redactor.text(text)),
  };
}
