import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Agent } from 'undici';
import { type Client, createClient } from '../../core/http';
import { l10n } from '../../core/l10n';
import { Redactor } from '../../core/redact';
import { type Sandbox, startSandbox } from '../../core/sandbox';
import { findScenarioFiles } from '../../core/scenario/discover';
import { loadScenario } from '../../core/scenario/load';
import { isReporterName, REPORTERS, report, summarize } from '../../core/scenario/reporters';
import { newRunId, runScenario, type ScenarioResult } from '../../core/scenario/runner';
import { CONNECTION_OPTIONS, parse, ROOT_OPTION, rootFrom, stringOption } from '../args';
import { clientFor, connectionFrom, KEY_VARIABLE } from '../connection';
import { type CliIo, EXIT, UsageError } from '../io';
import { dispatcherFetch } from '../transport';

/**
 * `biopassid test [files|folders…]`: runs scenario files (`*.biopass-test.json`) and reports them
 * as text, JSON or JUnit XML. `--sandbox` runs them against an in-process sandbox, so CI needs no key.
 */
export async function runTest(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv, {
    help: { type: 'boolean', short: 'h' },
    reporter: { type: 'string' },
    out: { type: 'string' },
    sandbox: { type: 'boolean' },
    ...CONNECTION_OPTIONS,
    ...ROOT_OPTION,
  });
  const reporter = stringOption(parsed, 'reporter') ?? 'text';
  if (!isReporterName(reporter))
    throw new UsageError(l10n.t('--reporter must be {0}, not "{1}"', REPORTERS.join(', '), reporter));
  const useSandbox = parsed.values.sandbox === true;
  if (useSandbox && (parsed.values.env !== undefined || parsed.values['base-url'] !== undefined)) {
    throw new UsageError(l10n.t('--sandbox runs against its own local sandbox: leave out --env and --base-url'));
  }
  const allowedRoot = await rootFrom(parsed, io);
  let files: string[];
  try {
    files = await findScenarioFiles(parsed.positionals.length > 0 ? parsed.positionals : ['.'], io.cwd);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (files.length === 0) {
    io.stderr(`${l10n.t('No scenario files (*.biopass-test.json) found.')}\n`);
    return EXIT.failed;
  }

  const redactor = new Redactor();
  const envKey = io.env[KEY_VARIABLE]?.trim();
  if (envKey) redactor.remember(envKey);
  let sandbox: Sandbox | undefined;
  let client: Client;
  let secrets: string[];
  let target: string;
  if (useSandbox) {
    sandbox = await startSandbox();
    redactor.remember(sandbox.key);
    secrets = [sandbox.key, ...(envKey ? [envKey] : [])];
    const timeoutSeconds = stringOption(parsed, 'timeout');
    client = createClient({
      // The sandbox is on loopback: straight there, never through a proxy.
      fetch: io.fetch ?? dispatcherFetch(new Agent()),
      baseUrl: sandbox.url,
      key: sandbox.key,
      ...(timeoutSeconds === undefined ? {} : { timeoutMs: Number(timeoutSeconds) * 1000 }),
    });
    target = l10n.t('a local sandbox ({0})', sandbox.url);
  } else {
    const connection = connectionFrom(parsed, io);
    client = clientFor(connection);
    secrets = [connection.key];
    target = connection.describe;
  }

  try {
    const runId = newRunId();
    const results: ScenarioResult[] = [];
    for (const file of files) {
      results.push(await runScenario(await loadScenario(file), { client, allowedRoot, env: io.env, secrets, runId }));
    }
    const nameFile = (file: string) => relative(io.cwd, file) || file;
    const text = report(reporter, results, redactor, nameFile);
    const out = stringOption(parsed, 'out');
    if (out !== undefined) {
      await writeFile(resolve(io.cwd, out), text);
      // The file holds the report; the console still gets the closing line.
      const summary = summarize(results);
      const closing = l10n.t(
        '{0} step(s) passed, {1} failed, {2} skipped in {3} scenario file(s) against {4}; {5} report written to {6}',
        summary.passed,
        summary.failed,
        summary.skipped,
        results.length,
        target,
        reporter,
        out,
      );
      io.stdout(`${closing}\n`);
    } else {
      if (reporter === 'text') {
        io.stderr(`${l10n.t('Running {0} scenario file(s) against {1}', files.length, target)}\n`);
      }
      io.stdout(text);
    }
    return summarize(results).ok ? EXIT.ok : EXIT.failed;
  } finally {
    await sandbox?.close();
  }
}
