import type { Redactor } from '../../redact';
import type { ScenarioResult } from '../runner';
import { jsonReport } from './json';
import { junitReport } from './junit';
import type { NameFile } from './summary';
import { textReport } from './text';

export const REPORTERS = ['text', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export function isReporterName(value: string): value is ReporterName {
  return (REPORTERS as readonly string[]).includes(value);
}

export function report(
  name: ReporterName,
  results: readonly ScenarioResult[],
  redactor: Redactor,
  nameFile: NameFile,
): string {
  if (name === 'json') return jsonReport(results, redactor, nameFile);
  if (name === 'junit') return junitReport(results, redactor, nameFile);
  return textReport(results, redactor, nameFile);
}

export { type RunSummary, summarize } from './summary';
