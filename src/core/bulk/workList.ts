import { grown } from './columns';
import type { JournalState, PersonProgress } from './journal';
import type { PlannedPersons } from './plannedPersons';
import type { BulkOperation } from './records';
import type { Action, Work } from './types';

const OPERATIONS: readonly BulkOperation[] = ['enroll', 'update', 'delete'];
const ACTIONS: readonly Action[] = ['send', 'reconcile', 'update-changed', 'skip', 'report-changed'];
/** Where a work item's progress is found: nowhere (a first send), the journal's main state or its rollback's. */
const PROGRESS_FROM = [undefined, 'main', 'rollback'] as const;
export type ProgressFrom = (typeof PROGRESS_FROM)[number];

/**
 * The run's work in columns (columns.ts): for each item, the planned person it is, what to do and
 * where its progress is, all in typed arrays beside the plan's columns. 100,000 items as objects,
 * each holding its person's entry, took about 20 MB of heap while the run sent them. Each item
 * read back is a new object built from the columns.
 */
export class WorkList {
  private rows = new Int32Array(1024);
  private operations = new Uint8Array(1024);
  private actions = new Uint8Array(1024);
  private progressFrom = new Uint8Array(1024);
  private count = 0;

  constructor(
    readonly persons: PlannedPersons,
    private readonly state: JournalState | undefined,
  ) {}

  get length(): number {
    return this.count;
  }

  /** Adds the person at `row` of the plan; `from` names where its progress is (the state given). */
  push(row: number, op: BulkOperation, action: Action, from: ProgressFrom = undefined): void {
    if (from !== undefined && this.state === undefined) throw new TypeError('Progress from a journal not given');
    const at = this.count++;
    this.rows = grown(this.rows, this.count);
    this.operations = grown(this.operations, this.count);
    this.actions = grown(this.actions, this.count);
    this.progressFrom = grown(this.progressFrom, this.count);
    this.rows[at] = row;
    this.operations[at] = OPERATIONS.indexOf(op);
    this.actions[at] = ACTIONS.indexOf(action);
    this.progressFrom[at] = PROGRESS_FROM.indexOf(from);
  }

  /** The item's action, without building it. */
  actionAt(index: number): Action {
    return ACTIONS[this.actions[index] as number] as Action;
  }

  at(index: number): Work {
    const person = this.persons.at(this.rows[index] as number);
    // Built field by field, in one order: every item shares one hidden class.
    const work: Work = {
      person,
      op: OPERATIONS[this.operations[index] as number] as BulkOperation,
      action: this.actionAt(index),
    };
    const from = PROGRESS_FROM[this.progressFrom[index] as number];
    const progress: PersonProgress | undefined = from && this.state?.[from].get(person.customId);
    if (progress) work.progress = progress;
    return work;
  }

  *[Symbol.iterator](): Iterator<Work> {
    for (let index = 0; index < this.count; index++) yield this.at(index);
  }
}
