import { GATE_SYNTAX } from '../../core/bulk/gates';
import { SLOT_NAMING } from '../../core/bulk/slots';
import { l10n } from '../../core/l10n';

export function bulkHelp(): string {
  return l10n.t(
    `Usage: biopassid bulk enroll|update|delete <folder|list.csv> --journal FILE [options] [connection options]
       biopassid bulk rollback --journal FILE [options] [connection options]
       biopassid bulk status --journal FILE [--json]

Sends a whole folder of people, one request per person, and records each step in the journal
(JSON lines: CustomIDs, file paths and image SHA-256 digests, never an image or a key). Kill it
at any moment and run the same command again: it resumes. Confirmed persons are skipped with no
request; persons sent without an answer are reconciled with a verify of the same images, never
enrolled twice. Every image is read and checked before the first request: on any problem
nothing is sent (exit 1), unless --skip-invalid.

CustomIDs:
  (default)             the file name without extension: person-0001.jpg -> person-0001 (a face;
                        --finger N makes every image that fingerprint)
  --id-from folder      the parent folder, several images per person, named
                        {0}
  --ids map.csv         rows file,customId[,finger] (files relative to the folder; a header row
                        is optional; finger: face, 1..10 or right-thumb … left-little)
  A .csv instead of a folder lists file,customId[,finger] relative to the CSV's folder.

Options:
  --journal FILE        required; created on the first run, resumed after
  --concurrency N       requests in flight (default 4)
  --rate N              at most N requests per second (gates and verifies counted)
  --gate SPEC           {1}; who fails is not sent and is listed
  --dry-run             plan and preflight only: what would be sent, no request, no journal
  --report FILE         every person's result, as CSV (.csv) or JSON (.json)
  --skip-invalid        send the valid persons when some are invalid
  --update-changed      update confirmed persons whose images changed since (else only reported)
  --max-image-mb N      larger images are refused (default 10)
  --json                the summary as JSON on stdout

A 429 pauses every worker for its Retry-After; 5xx are retried with backoff for update, delete,
verify and the gates, while an enroll is verified first. rollback deletes exactly the persons the
journal's enroll stored; status summarises a journal without sending anything.
Exit codes: 0 every person done, 1 anything failed, invalid or refused, 2 bad usage.`,
    SLOT_NAMING,
    GATE_SYNTAX,
  );
}
