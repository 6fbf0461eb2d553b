import * as z from 'zod';

export const JOURNAL_FORMAT = 'biopassid-bulk-journal';
export const JOURNAL_VERSION = 1;

export const BULK_OPERATIONS = ['enroll', 'update', 'delete'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

/** How a confirmation is known (see the Confirmed record). */
export const CONFIRMED_VIA = ['answer', 'verify', 'already-enrolled', 'already-deleted'] as const;

let built: ReturnType<typeof buildRecordSchemas> | undefined;

/**
 * The journal's records, one JSON object a line. They hold CustomIDs, file paths relative to the
 * source, sizes, modification times and SHA-256 digests: never an image and never a key.
 */
function buildRecordSchemas() {
  const Operation = z.enum(BULK_OPERATIONS);
  const CustomId = z.string().min(1);
  const Header = z.object({
    type: z.literal('header'),
    format: z.literal(JOURNAL_FORMAT),
    version: z.literal(JOURNAL_VERSION),
    operation: Operation,
    /** The folder or CSV file the run reads, absolute. */
    source: z.string(),
    /** The base URL requests go to: a journal is bound to one environment. */
    environment: z.string(),
    created: z.string(),
  });
  const Run = z.object({
    type: z.literal('run'),
    at: z.string(),
    /** `rollback` for a run of `bulk rollback` on this journal. */
    command: z.enum([...BULK_OPERATIONS, 'rollback']),
    pid: z.number(),
  });
  const PlannedImage = z.object({
    file: z.string(),
    slot: z.string(),
    sha256: z.string(),
    size: z.number(),
    mtimeMs: z.number(),
  });
  const Planned = z.object({
    type: z.literal('planned'),
    customId: CustomId,
    images: z.array(PlannedImage),
    /** SHA-256 over the person's slots and image digests: what a confirmation is compared against. */
    digest: z.string(),
  });
  const Sent = z.object({ type: z.literal('sent'), customId: CustomId, op: Operation, digest: z.string().optional() });
  const Confirmed = z.object({
    type: z.literal('confirmed'),
    customId: CustomId,
    op: Operation,
    digest: z.string().optional(),
    bioPassId: z.string().optional(),
    /**
     * How it is known: `answer` (the service's 200), `verify` (an ambiguous send, then a verify with
     * the same images matched), `already-enrolled` (a 400 duplicate, then a verify matched: not
     * enrolled by this journal), `already-deleted` (a delete re-sent after an ambiguous one found no one).
     */
    via: z.enum(CONFIRMED_VIA),
  });
  const Failed = z.object({
    type: z.literal('failed'),
    customId: CustomId,
    op: Operation,
    cause: z.string(),
    status: z.number().optional(),
    gate: z.string().optional(),
  });
  const Ambiguous = z.object({ type: z.literal('ambiguous'), customId: CustomId, op: Operation, cause: z.string() });
  const Entry = z.discriminatedUnion('type', [Run, Planned, Sent, Confirmed, Failed, Ambiguous]);
  return { Header, Entry, Planned, PlannedImage };
}

export function recordSchemas(): ReturnType<typeof buildRecordSchemas> {
  built ??= buildRecordSchemas();
  return built;
}

type Schemas = ReturnType<typeof buildRecordSchemas>;
export type JournalHeader = z.infer<Schemas['Header']>;
export type JournalEntry = z.infer<Schemas['Entry']>;
export type PlannedRecord = z.infer<Schemas['Planned']>;
export type PlannedImage = z.infer<Schemas['PlannedImage']>;
export type JournalRecord = JournalHeader | JournalEntry;
