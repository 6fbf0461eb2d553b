import { parse } from 'csv-parse/sync';
import { l10n } from '../l10n';

export interface CsvRow {
  /** 1-based line of the row in the file, for messages. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

/**
 * Reads a CSV file's text into rows: a UTF-8 byte order mark, CRLF or LF line ends, quoted cells
 * (with commas, quotes doubled, line breaks) and blank lines are all taken; an unclosed quote or a
 * stray quote inside a cell is an error naming its line.
 */
export function readCsv(text: string, name: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CsvError(l10n.t('{0} is not a well-formed CSV file: {1}', name, message));
  }
  return records
    .map(({ record, info }) => ({ line: info.lines, cells: record.map((cell) => cell.trim()) }))
    .filter((row) => row.cells.some((cell) => cell !== ''));
}
