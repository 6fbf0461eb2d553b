export { CsvError, readCsv } from './csv';
export { GATE_SYNTAX, GateSpecError, type Gates, parseGates } from './gates';
export { JournalError, readJournal } from './journal';
export { JournalInUseError } from './lock';
export type { IdFrom, PlanProblem } from './plan';
export { personLine, progressLine, summaryLine } from './progress';
export { BULK_OPERATIONS, type BulkOperation, JOURNAL_FORMAT } from './records';
export { csvCell, reportCsv, reportJson } from './report';
export { needsAttention, PersonResults } from './results';
export {
  type BulkCommand,
  type BulkOptions,
  type BulkProgress,
  type BulkSummary,
  type PersonResult,
  type PersonResultKind,
  runBulk,
} from './runner';
export { SLOT_NAMING, slotFromName } from './slots';
export { journalStatus, statusLines } from './status';
