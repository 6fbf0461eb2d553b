import { l10n } from '../core/l10n';
import { accuracyHelp, accuracyMainLines } from './commands/accuracyHelp';
import { bulkHelp } from './commands/bulkHelp';

/** `biopassid --help`, in the CLI's language (built when shown, after the language is set). */
export function mainHelp(): string {
  return l10n.t(
    `biopassid: the BioPass ID biometrics API from the command line

Usage: biopassid <command> [options]

Commands:
  validate <files...>                  check request JSON files as the editor does (exit 1 on errors)
  send <operation> <request.json>      validate, then send a request file ($file references are read)
  enroll|verify|update <image> --custom-id ID [--finger N]
                                       a face image (or, with --finger 1..10, a fingerprint)
  delete --custom-id ID                delete the person enrolled under ID
  liveness|detect|icao|nfiq <image>    liveness, face detection, ICAO quality, NFIQ quality
  anonymize|crop <image> [--out FILE]  blur faces / crop to ICAO; --out writes the returned image
  sandbox [--port N] [--key KEY] [--rate N]
                                       run the local sandbox server (same contract, offline)
  bulk enroll|update|delete <folder|list.csv> --journal FILE
                                       a whole folder of people, resumable; bulk status|rollback
{0}
  test [files|folders...] [--reporter text|json|junit] [--out FILE] [--sandbox]
                                       run scenario files (*.biopass-test.json); exit 1 unless all pass
  from-curl [--out FILE] [--inline]    a curl command on stdin -> a request file (key never written)

Connection (every command that sends):
  --env homologation|production|custom   default homologation (the vendor's staging host)
  --base-url URL                         e.g. http://127.0.0.1:8080 (a local sandbox); implies custom
  --timeout SECONDS                      default 30
  --max-response-mb N                    read at most N MB of an answer (1-500, default 64)
  The subscription key comes from BIOPASSID_API_KEY; proxies from HTTPS_PROXY/HTTP_PROXY/NO_PROXY.

Language: --lang en|pt-br (with any command), else LC_ALL, LC_MESSAGES or LANG, as POSIX reads them
  (pt_BR.UTF-8 or pt -> pt-br); C, POSIX, unset or another language -> English.

Output: a one-line verdict and the response with images and keys redacted; --json for JSON.
Exit codes: 0 ok, 1 failed (request refused, network error, invalid file), 2 bad usage,
            3 a negative answer (verify: no match; liveness: spoof).
Run \`biopassid <command> --help\` for a command's options.`,
    accuracyMainLines(),
  );
}

/** Each command's `--help`, in the CLI's language. */
export function commandHelp(): Record<string, string> {
  return {
    ...accuracyHelp(),
    validate: l10n.t(`Usage: biopassid validate <files...> [--operation OP] [--json] [--max-image-mb N]

Checks request files without sending anything: syntax, unknown keys (with the closest valid key),
types, base64 images (alphabet, padding, data: prefix, kind, size), CustomID rules and
operation-specific rules. Prints file:line:col: severity: message [code], or --json.
The operation is taken from --operation, else from a file name like alice.enroll.biopass.json;
otherwise what holds for every operation of the file's envelope is checked.
Exit 1 when any file has an error.`),
    send: l10n.t(`Usage: biopassid send <operation> <request.json> [--json] [connection options]

Operations: enroll, verify, update, delete, match, extract, wsq_encode, decode, face_detect,
liveness, anonymizer, check_icao, icao_crop, check_nfiq.
The file is validated first; nothing is sent when it has errors. Image fields may hold
{"$file": "./face.jpg"} (relative to the request file): read and encoded only when sending.`),
    enroll: l10n.t(`Usage: biopassid enroll <image> --custom-id ID [--finger N] [--json] [connection options]

Enrolls a face image (JPEG or PNG) under ID; with --finger 1..10, a fingerprint (TIFF or PNG) at
that position: 1 right thumb ... 5 right little, 6 left thumb ... 10 left little.`),
    verify: l10n.t(`Usage: biopassid verify <image> --custom-id ID [--finger N] [--json] [connection options]

Verifies (1:1) the image against the person enrolled under ID. Exit 3 when it does not match.`),
    update: l10n.t(`Usage: biopassid update <image> --custom-id ID [--finger N] [--json] [connection options]

Replaces the biometrics stored under ID with this image.`),
    delete: l10n.t(`Usage: biopassid delete --custom-id ID [--json] [connection options]

Deletes the person enrolled under ID.`),
    liveness: l10n.t(`Usage: biopassid liveness <image> [--json] [connection options]

Passive liveness (anti-spoofing) on a face image. Exit 3 when the answer is spoof.`),
    detect: l10n.t('Usage: biopassid detect <image> [--json] [connection options]\n\nFinds the faces in an image.'),
    icao: l10n.t(
      'Usage: biopassid icao <image> [--json] [connection options]\n\nChecks a face image against the 23 ICAO requirements.',
    ),
    nfiq: l10n.t(
      'Usage: biopassid nfiq <image> [--json] [connection options]\n\nGrades a fingerprint image with NFIQ.',
    ),
    anonymize: l10n.t(
      'Usage: biopassid anonymize <image> [--out FILE] [--json] [connection options]\n\nBlurs the faces in an image; --out writes the result.',
    ),
    crop: l10n.t(
      'Usage: biopassid crop <image> [--out FILE] [--json] [connection options]\n\nCrops a face image to the ICAO portrait frame; --out writes the result.',
    ),
    sandbox: l10n.t(`Usage: biopassid sandbox [--port N] [--key KEY] [--rate N]

Runs the local sandbox: a server on 127.0.0.1 that speaks the BioPass ID contract offline, keeps
persons in memory, and checks the subscription key like the real gateway. Prints its URL and key.
--rate N lets N calls per second through and answers the rest 429 with Retry-After, as the
gateway's rate limit does. Ctrl-C stops it.`),
    bulk: bulkHelp(),
    'from-curl': l10n.t(`Usage: biopassid from-curl [--out FILE] [--inline] [--force] [--json] < command.txt

Reads one curl command from standard input (as the vendor's docs, Postman or a browser's
"Copy as cURL" write it: --location, --request/-X, --header/-H, --data/--data-raw/-d, -d @file,
line continuations with \\ or ^, both quote styles) and writes a request file: method and path
pick the operation, the file name pins it (default: <CustomID>.<operation>.biopass.json here).
The subscription key (header or ?subscription-key=) is never written: the file's "$comment" says
where the key comes from. Inline base64 images become $file images next to the request;
--inline keeps them in the body. A host other than homologation or production is suggested as
a custom environment. Nothing is written when the command cannot be read; existing files are
kept unless --force. Notes go to stderr.`),
    test: l10n.t(`Usage: biopassid test [files|folders...] [--reporter text|json|junit] [--out FILE] [--sandbox]
                     [--root DIR] [connection options]

Runs scenario files: a file as named, a folder searched for *.biopass-test.json (default: the
working directory). Each step sends a request (a request file or an inline body, variables
filled) and checks what it expects; teardown steps always run; a CSV gives one test per row.
--reporter text (default), json, or junit (JUnit XML for CI); --out FILE writes the report there.
--sandbox starts a local sandbox in-process and runs against it: no key needed.
Request, image and CSV files must be inside the working directory or --root.
Exit 0 when every step passes, 1 otherwise.`),
  };
}
