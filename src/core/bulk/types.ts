import type { Client, Sleep } from '../http/client';
import type { Gates } from './gates';
import type { PersonProgress } from './journal';
import type { IdFrom, PlanProblem } from './plan';
import type { PlannedPerson } from './plannedPersons';
import type { BulkOperation } from './records';
import type { PersonResult, PersonResultKind, PersonResults } from './results';

export type { PersonResult, PersonResultKind } from './results';

import type { ImageSlot } from './slots';

export type BulkCommand = BulkOperation | 'rollback';

/** Where the run sends: the base URL (a journal is bound to it) and a client made with the run's sleep. */
export interface BulkConnection {
  baseUrl: string;
  /** A client for baseUrl whose 429 waits go through `sleep` (the run's shared pause). */
  client: (sleep: Sleep) => Client;
}

export interface BulkOptions {
  command: BulkCommand;
  /** The folder or CSV list, absolute; a rollback takes it from the journal. */
  source?: string;
  /** Absolute path of the journal. */
  journal: string;
  connection: BulkConnection;
  idFrom?: IdFrom;
  idsFile?: string;
  fingerSlot?: ImageSlot;
  concurrency?: number;
  /** Requests per second, every kind counted. */
  rate?: number;
  gates?: Gates;
  updateChanged?: boolean;
  skipInvalid?: boolean;
  /** Writes no journal: only the bench sets it, to measure what the journal costs. */
  withoutJournal?: boolean;
  dryRun?: boolean;
  maxImageBytes?: number;
  /** Other files the run writes (the report), left out of the folder walk. */
  ownFiles?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: BulkProgress) => void;
  onPerson?: (result: PersonResult) => void;
  /** First wait before re-sending after a 5xx or a connection failure; doubles each time. */
  backoffMs?: number;
  now?: () => number;
}

export interface BulkProgress {
  done: number;
  total: number;
  failed: number;
  /** Persons skipped without a request (already done). */
  skipped: number;
  requests: number;
  elapsedMs: number;
}

export type BulkEnd = 'done' | 'invalid' | 'refused' | 'stopped' | 'cancelled' | 'dry-run';

export interface BulkSummary {
  command: BulkCommand;
  source: string;
  journal: string;
  environment: string;
  end: BulkEnd;
  /** Why the run was refused or stopped. */
  message?: string;
  problems: PlanProblem[];
  /** Every person's result, in the order they settled (kept in columns: results.ts). */
  persons: PersonResults;
  counts: Partial<Record<PersonResultKind, number>>;
  requests: number;
  pauses: number;
  pausedMs: number;
  elapsedMs: number;
}

export type Action = 'send' | 'reconcile' | 'update-changed' | 'skip' | 'report-changed';

export interface Work {
  /** Its CustomID and files: the digests, sizes and times are in the journal. */
  person: PlannedPerson;
  op: BulkOperation;
  action: Action;
  progress?: PersonProgress;
}
