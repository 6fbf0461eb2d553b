import type { Redactor } from '../../redact';
import type { ScenarioResult } from '../runner';
import type { NameFile } from './summary';

/** XML 1.0 allows tab, newline, carriage return and characters from U+0020 on; the rest is dropped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML cannot hold
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/**
 * JUnit XML as CI systems read it (valid against the Jenkins xUnit junit-10.xsd): one
 * `<testsuite>` per scenario case (a data row is a case), one `<testcase>` per step, a failed
 * expectation as `<failure>` with file:line, a skipped step as `<skipped>`, a scenario that could
 * not run as one `<testcase>` with an `<error>`.
 */
export function junitReport(results: readonly ScenarioResult[], redactor: Redactor, nameFile: NameFile): string {
  const clean = (text: string) => escapeXml(redactor.text(text));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let total = 0;
  for (const result of results) {
    const file = nameFile(result.file);
    total += result.durationMs;
    if (result.problems.length > 0) {
      tests += 1;
      errors += 1;
      const message = result.problems
        .map((p) => `${file}:${p.location.line + 1}:${p.location.character + 1}: ${p.message}`)
        .join('\n');
      suites.push(
        `  <testsuite name="${clean(result.name)}" tests="1" failures="0" errors="1" skipped="0" time="0.000" file="${clean(file)}">\n` +
          `    <testcase name="scenario" classname="${clean(result.name)}" time="0.000">\n` +
          `      <error type="scenario" message="${clean(result.problems[0]?.message ?? '')}">${clean(message)}</error>\n` +
          '    </testcase>\n  </testsuite>',
      );
      continue;
    }
    for (const each of result.cases) {
      const suiteName = each.row ? `${result.name} › ${each.name}` : result.name;
      const cases = each.steps.map((step) => {
        const name = step.phase === 'teardown' ? `${step.name} (teardown)` : step.name;
        const open = `    <testcase name="${clean(name)}" classname="${clean(suiteName)}" time="${seconds(step.durationMs)}"`;
        if (step.status === 'skipped')
          return `${open}>\n      <skipped message="${clean(step.skipReason ?? '')}"/>\n    </testcase>`;
        if (step.status === 'passed') return `${open}/>`;
        const body = step.failures
          .map(
            (failure) => `${file}:${failure.location.line + 1}:${failure.location.character + 1}: ${failure.message}`,
          )
          .join('\n');
        return `${open}>\n      <failure type="expectation" message="${clean(step.failures[0]?.message ?? 'failed')}">${clean(body)}</failure>\n    </testcase>`;
      });
      const failed = each.steps.filter((step) => step.status === 'failed').length;
      const skipped = each.steps.filter((step) => step.status === 'skipped').length;
      tests += each.steps.length;
      failures += failed;
      suites.push(
        `  <testsuite name="${clean(suiteName)}" tests="${each.steps.length}" failures="${failed}" errors="0" skipped="${skipped}" time="${seconds(each.durationMs)}" file="${clean(file)}">\n${cases.join('\n')}\n  </testsuite>`,
      );
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="biopassid test" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(total)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
