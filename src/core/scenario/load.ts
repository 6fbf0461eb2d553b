import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { OperationId } from '../contract/operations';
import { zodParseOptions } from '../contract/zodLocale';
import { l10n } from '../l10n';
import { operationFromFileName } from '../request/fileName';
import type { ExpectationKey } from './expectations';
import { SCENARIO_SUFFIX } from './fileSuffix';
import { type JsonPath, type Location, locate, locationAt } from './locations';
import { type ScenarioFile, type ScenarioStep, scenarioSchemas } from './schema';

/** A problem that keeps a scenario from running (syntax, shape, an unreadable CSV). */
export interface ScenarioProblem {
  readonly message: string;
  readonly location: Location;
  /** Set when the problem is with the `data.csv` file rather than the scenario itself. */
  readonly dataFile?: true;
}

export interface PlannedStep {
  readonly name: string;
  readonly phase: 'steps' | 'teardown';
  readonly index: number;
  readonly step: ScenarioStep;
  /** From `operation`, else from the request file name; undefined is a problem (diagnostics). */
  readonly operation: OperationId | undefined;
  /** The step's `name` in the file (worked out on first read). */
  readonly location: Location;
  /** Where an expectation is written; 'success' (implied) and unwritten ones point at the step. */
  locationOf(expectation: ExpectationKey | 'success'): Location;
  readonly path: JsonPath;
}

export interface DataRow {
  /** 1-based, as people count rows; the header is not a row. */
  readonly number: number;
  readonly values: Readonly<Record<string, string>>;
  /** The row's first line in the CSV file (0-based). */
  readonly line: number;
}

export interface ScenarioPlan {
  readonly file: string;
  readonly name: string;
  readonly text: string;
  /** The JSON tree with offsets, parsed on first need. */
  rootNode(): Node | undefined;
  readonly scenario: ScenarioFile | undefined;
  readonly steps: readonly PlannedStep[];
  readonly teardown: readonly PlannedStep[];
  /** Undefined without `data`; the steps then run once. */
  readonly rows: readonly DataRow[] | undefined;
  readonly csvFile: string | undefined;
  readonly columns: readonly string[] | undefined;
  readonly problems: readonly ScenarioProblem[];
}

export function scenarioDisplayName(file: string, scenario?: { name?: string | undefined }): string {
  return scenario?.name ?? basename(file).replace(new RegExp(`${SCENARIO_SUFFIX.replace(/\./g, '\\.')}$`, 'i'), '');
}

/** Where things are in the file, worked out on first need: a run that passes never parses a tree. */
class TextTree {
  private tree: Node | undefined | null = null;

  constructor(readonly text: string) {}

  root(): Node | undefined {
    if (this.tree === null) this.tree = parseTree(this.text, [], { allowTrailingComma: false, disallowComments: true });
    return this.tree;
  }

  locate(path: JsonPath): Location {
    return locate(this.text, this.root(), path);
  }
}

function planSteps(tree: TextTree, steps: readonly ScenarioStep[], phase: PlannedStep['phase']): PlannedStep[] {
  return steps.map((step, index): PlannedStep => {
    const path: JsonPath = [phase, index];
    let location: Location | undefined;
    const stepLocation = () => {
      location ??= tree.locate([...path, 'name']);
      return location;
    };
    return {
      name: step.name,
      phase,
      index,
      step,
      operation: step.operation ?? (step.request ? operationFromFileName(step.request) : undefined),
      get location() {
        return stepLocation();
      },
      // An expectation that is not written never fails; one that is points at its key.
      locationOf: (expectation) =>
        expectation !== 'success' && step.expect?.[expectation] !== undefined
          ? tree.locate([...path, 'expect', expectation])
          : stepLocation(),
      path,
    };
  });
}

/** Reads the CSV of `data.csv`: the first line names the columns, one row per later line. */
export function parseDataRows(csvText: string): { columns: string[]; rows: DataRow[] } {
  const records = parseCsv(csvText.replace(/^\uFEFF/, ''), {
    bom: true,
    info: true,
    relax_column_count: false,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = records;
  const columns = header?.record ?? [];
  const rows = body.map(({ record, info }, index) => ({
    number: index + 1,
    values: Object.fromEntries(columns.map((column, at) => [column, record[at] ?? ''])),
    // info.lines is where the record ends; a quoted field may span lines.
    line: info.lines - 1 - record.reduce((total, field) => total + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
  }));
  return { columns, rows };
}

/** The scenario in a file's text, without reading anything else (the editor's first pass). */
export function parseScenarioText(file: string, text: string): Omit<ScenarioPlan, 'rows' | 'columns'> {
  const tree = new TextTree(text);
  const problems: ScenarioProblem[] = [];
  let value: unknown;
  try {
    // The native parser first: the text of a scenario is strict JSON.
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    for (const error of errors) {
      problems.push({
        message: l10n.t('JSON syntax: {0}', printParseErrorCode(error.error)),
        location: locationAt(text, error.offset, error.length),
      });
    }
    if (problems.length === 0)
      problems.push({ message: l10n.t('JSON syntax: not valid JSON'), location: locationAt(text, 0, 0) });
  }
  let scenario: ScenarioFile | undefined;
  if (problems.length === 0) {
    const parsed = scenarioSchemas().Scenario.safeParse(value, zodParseOptions());
    if (parsed.success) scenario = parsed.data;
    else {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
        const where = path.length > 0 ? `${path.join('.')}: ` : '';
        problems.push({ message: `${where}${issue.message}`, location: tree.locate(path) });
      }
    }
  }
  return {
    file,
    name: scenarioDisplayName(file, scenario),
    text,
    rootNode: () => tree.root(),
    scenario,
    steps: scenario ? planSteps(tree, scenario.steps, 'steps') : [],
    teardown: scenario ? planSteps(tree, scenario.teardown ?? [], 'teardown') : [],
    csvFile: scenario?.data ? resolve(dirname(file), scenario.data.csv) : undefined,
    problems,
  };
}

/** A scenario file with its data rows, ready to run (or with the problems that keep it from running). */
export async function loadScenario(file: string, text?: string): Promise<ScenarioPlan> {
  const source = text ?? (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const parsed = parseScenarioText(file, source);
  if (!parsed.csvFile) return { ...parsed, rows: undefined, columns: undefined };
  const where = locate(source, parsed.rootNode(), ['data', 'csv']);
  try {
    const { columns, rows } = parseDataRows(await readFile(parsed.csvFile, 'utf8'));
    const problems: ScenarioProblem[] =
      rows.length === 0
        ? [
            {
              message: l10n.t('{0} has no data rows', parsed.scenario?.data?.csv ?? ''),
              location: where,
              dataFile: true,
            },
          ]
        : [];
    return { ...parsed, rows, columns, problems: [...parsed.problems, ...problems] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? l10n.t('the file does not exist') : error instanceof Error ? error.message : String(error);
    return {
      ...parsed,
      rows: undefined,
      columns: undefined,
      problems: [
        ...parsed.problems,
        {
          message: l10n.t('data.csv "{0}": {1}', parsed.scenario?.data?.csv ?? '', reason),
          location: where,
          dataFile: true,
        },
      ],
    };
  }
}
